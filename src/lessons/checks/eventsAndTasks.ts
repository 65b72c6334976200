// Checks over what has happened, not just what is: the event log and the Recent Tasks list. They let
// an objective say "a quiesce failed, then succeeded" from the state view alone.
import { z } from 'zod';
import { defineCheck } from './define';
import { met, unmet, clock, lastEventText } from './context';
import type { StateView } from '../../engine/core/view';
import { EVENT_KINDS } from '../../engine/core/events';

const eventStep = z.object({
  event: z.enum(EVENT_KINDS).describe('an event kind, e.g. "quiesce.failed"'),
  vm: z.string().min(1).optional(),
  severity: z.enum(['info', 'warning', 'error']).optional(),
  hresult: z.number().int().optional().describe('the HRESULT the event is about, e.g. 0x800423f4'),
  messageIncludes: z.string().min(1).optional(),
  label: z.string().min(1).max(120).optional().describe('how the why names this step, e.g. "a revert to \\"before-patch\\""'),
}).strict();

const taskStep = z.object({
  task: z.string().min(1).describe('a task name as Recent Tasks shows it, e.g. "Create virtual machine snapshot"'),
  vm: z.string().min(1).optional(),
  state: z.enum(['success', 'error']),
  errorIncludes: z.string().min(1).optional(),
  label: z.string().min(1).max(120).optional(),
}).strict();

export const historyStep = z.union([eventStep, taskStep]);
export type HistoryStep = z.output<typeof historyStep>;

interface Happening { time: number; order: number; matches(step: HistoryStep): boolean }

/** Events in log order, with each finished task placed after the events of its completion time. */
function timeline(state: StateView): Happening[] {
  const out: Happening[] = state.events.map((e, i) => ({
    time: e.time, order: i * 2,
    matches: (s) => 'event' in s && s.event === e.kind && (s.vm === undefined || s.vm === e.vm)
      && (s.severity === undefined || s.severity === e.severity) && (s.hresult === undefined || (s.hresult >>> 0) === e.hresult)
      && (s.messageIncludes === undefined || e.message.includes(s.messageIncludes)),
  }));
  for (const t of state.tasks) {
    if (t.completedAt === null || (t.state !== 'success' && t.state !== 'error')) continue;
    const after = lastEventAtOrBefore(state, t.completedAt);
    out.push({
      time: t.completedAt, order: after * 2 + 1,
      matches: (s) => 'task' in s && s.task === t.name && s.state === t.state && (s.vm === undefined || s.vm === t.vm)
        && (s.errorIncludes === undefined || (t.error?.message ?? '').includes(s.errorIncludes)),
    });
  }
  return out.sort((a, b) => a.order - b.order);
}

/** Index of the last event logged at or before `time` (events are in time order), or -1. */
function lastEventAtOrBefore(state: StateView, time: number): number {
  let lo = 0;
  let hi = state.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (state.events[mid].time <= time) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

/** Event kinds in a learner's words (an objective never shows "snapshot.reverted"). */
const EVENT_WORDS: Record<string, string> = {
  'snapshot.reverted': 'a revert to a snapshot', 'vm.snapshotCreated': 'a snapshot taken', 'snapshot.removed': 'a snapshot deleted',
  'disk.merged': 'a delta merged into its parent', 'disk.mergeStart': 'a merge starting', 'quiesce.start': 'a quiesce starting',
  'quiesce.done': 'a quiesce that completes', 'quiesce.failed': 'a quiesce that fails', 'quiesce.ignored': 'a quiesce request that is ignored',
  'snapshot.advice': 'SnapLab\'s advice on the snapshot chain', 'vm.question': 'the VM pausing with a question', 'vm.answered': 'an answer to the VM\'s question',
  'vm.powerOn': 'the VM powering on', 'vm.powerOff': 'the VM powering off', 'vss.abort': 'VSS aborting the shadow copy set',
  'vss.backupComplete': 'VSS finishing the backup (BackupComplete)', 'vss.flushAndHold': 'VSS holding writes', 'vss.freeze': 'the writers freezing',
  'vss.thaw': 'the writers thawing', 'vss.prepareBackup': 'VSS preparing the backup', 'vss.releaseWrites': 'VSS releasing the held writes',
  'vss.shadowDiscarded': 'the shadow copy being discarded', 'syncDriver.freeze': 'the sync driver freezing the file systems',
  'provider.registered': 'the VMware Snapshot Provider registering', 'provider.unregistered': 'the VMware Snapshot Provider going away',
};

/** An event kind in the learner's words. */
export const eventWords = (kind: string): string => EVENT_WORDS[kind] ?? 'the step this objective asks for';

export function describeStep(s: HistoryStep, state?: StateView): string {
  if (s.label) return s.label;
  const vmName = s.vm ? state?.vms.find((v) => v.id === s.vm)?.name ?? s.vm : undefined;
  if ('event' in s) return `${eventWords(s.event)}${vmName ? ` on ${vmName}` : ''}${s.messageIncludes ? ` (mentioning ${s.messageIncludes})` : ''}`;
  const verb = s.state === 'success' ? 'succeed' : 'fail';
  return `a "${s.task}" task${vmName ? ` on ${vmName}` : ''} that ${verb}s${s.errorIncludes ? ` with "${s.errorIncludes}"` : ''}`;
}

/** Match the steps in order; returns how many matched and the time of the last match. */
export function matchSequence(state: StateView, steps: HistoryStep[]): { matched: number; at: number } {
  const line = timeline(state);
  let i = 0;
  let at = 0;
  for (const h of line) {
    if (i === steps.length) break;
    if (h.matches(steps[i])) { i++; at = h.time; }
  }
  return { matched: i, at };
}

function sequenceResult(state: StateView, steps: HistoryStep[]) {
  const { matched, at } = matchSequence(state, steps);
  if (matched === steps.length) return met;
  const step = steps[matched];
  const vm = step.vm;
  const seen = lastEventText(state.events, vm);
  const vmName = vm ? state.vms.find((v) => v.id === vm)?.name ?? vm : 'the lab';
  if (matched === 0) return unmet(`No sign yet of ${describeStep(step, state)}: for ${vmName}, ${seen}.`);
  return unmet(`${capitalise(describeStep(steps[matched - 1], state))} came at ${clock(at)}, but not yet ${describeStep(step, state)} after it: for ${vmName}, ${seen}.`);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const event = defineCheck('event', eventStep.shape, (state, p) => sequenceResult(state, [p]));

export const task = defineCheck('task', taskStep.shape, (state, p) => sequenceResult(state, [p]));

export const sequence = defineCheck('sequence', { steps: z.array(historyStep).min(1) }, (state, p) => sequenceResult(state, p.steps));
