// Checks on the guest's VSS side, in the words `vssadmin list writers` uses, and on what backups did
// to Exchange's transaction logs.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { VSS_WRITER_STATE } from '../../engine/core/vssWriterState';
import { EVENT_KINDS } from '../../engine/core/events';
import { clip, findVm, isResult, met, unmet, size, plural } from './context';
import { eventWords } from './eventsAndTasks';

export const writer = defineCheck('writer', {
  vm: vmId,
  writer: z.string().min(1).describe("the writer's name as vssadmin prints it, e.g. 'Microsoft Exchange Writer'"),
  stable: z.boolean().optional(),
  state: z.number().int().min(0).max(15).optional(),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const w = vm.writers.find((x) => x.name === p.writer);
  if (!w) return unmet(`${vm.name} has no writer '${p.writer}' (vssadmin lists ${vm.writers.map((x) => `'${x.name}'`).join(', ') || 'none'}).`);
  const shows = `'${w.name}' in ${vm.name} shows State: [${w.state}] ${w.stateText}, Last error: ${w.lastErrorText}`;
  if (p.stable === true && w.state !== VSS_WRITER_STATE.STABLE) return unmet(`${shows}; the goal is [1] Stable.`);
  if (p.stable === false && w.state === VSS_WRITER_STATE.STABLE) return unmet(`${shows}; the goal is a writer that is not stable.`);
  if (p.state !== undefined && w.state !== p.state) return unmet(`${shows}; the goal is state [${p.state}].`);
  return met;
});

/** Every writer of the VM is stable with no error: what a clean `vssadmin list writers` shows. */
export const writersStable = defineCheck('writersStable', { vm: vmId }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const bad = vm.writers.filter((w) => w.state !== VSS_WRITER_STATE.STABLE || w.lastError !== 0);
  if (!bad.length) return met;
  const list = bad.map((w) => `'${w.name}' [${w.state}] ${w.stateText} (${w.lastErrorText})`).join(', ');
  return unmet(`${vm.name} has ${plural(bad.length, 'writer')} not stable: ${list}.`);
});

export const exchangeLogs = defineCheck('exchangeLogs', {
  vm: vmId,
  minTruncations: z.number().int().min(0).optional(),
  maxTruncations: z.number().int().min(0).optional(),
  maxLogMB: z.number().min(0).optional().describe('at most this much transaction log left'),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const ex = vm.apps.exchange;
  if (!ex) return unmet(`${vm.name} does not run Exchange.`);
  const shows = `Exchange on ${vm.name} has truncated its logs ${plural(ex.truncations, 'time')} (${size(ex.logBytes)} of logs now)`;
  if (p.minTruncations !== undefined && ex.truncations < p.minTruncations) return unmet(`${shows}; the goal is at least ${p.minTruncations}.`);
  if (p.maxTruncations !== undefined && ex.truncations > p.maxTruncations) return unmet(`${shows}; the goal is at most ${p.maxTruncations}.`);
  if (p.maxLogMB !== undefined && ex.logBytes > p.maxLogMB * 1024 * 1024) return unmet(`${shows}; the goal is at most ${size(p.maxLogMB * 1024 * 1024)} of logs.`);
  return met;
});

const DB_WORDS = { mounted: 'mounted', dismounted: 'dismounted', dirtyShutdown: 'in Dirty Shutdown', cleanShutdown: 'in Clean Shutdown' } as const;

/** The state of Exchange's mailbox database (after a restore: Dirty Shutdown until its logs replay). */
export const exchangeDatabase = defineCheck('exchangeDatabase', {
  vm: vmId,
  state: z.enum(['mounted', 'dismounted', 'dirtyShutdown', 'cleanShutdown']),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const ex = vm.apps.exchange;
  if (!ex) return unmet(`${vm.name} does not run Exchange.`);
  if (ex.databaseState === p.state) return met;
  return unmet(`${vm.name}'s mailbox database is ${DB_WORDS[ex.databaseState]}${vm.power === 'poweredOn' ? '' : ` and ${vm.name} is not running`}; the goal is ${DB_WORDS[p.state]}.`);
});

/**
 * An entry in the guest's Windows event log (what `eventvwr` shows), optionally logged at or after the
 * first lab event of a kind for that VM, e.g. a service start after a failed quiesce.
 */
export const guestEvent = defineCheck('guestEvent', {
  vm: vmId,
  source: z.string().min(1).optional(),
  id: z.number().int().optional(),
  messageIncludes: z.string().min(1).optional(),
  after: z.enum(EVENT_KINDS).optional().describe('a lab event kind, e.g. "quiesce.failed"'),
  label: z.string().min(1).max(120).optional(),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const what = p.label ?? `a ${p.source ?? ''} event${p.id !== undefined ? ` ${p.id}` : ''}${p.messageIncludes ? ` saying "${p.messageIncludes}"` : ''} in ${vm.name}'s event log`.replace('a  event', 'an event');
  let since = 0;
  if (p.after) {
    const first = state.events.find((e) => e.vm === p.vm && e.kind === p.after);
    if (!first) return unmet(`No sign yet of ${eventWords(p.after)} on ${vm.name}, so not yet ${what} after it.`);
    since = first.time;
  }
  const hit = vm.guestEvents.some((e) => e.time >= since
    && (p.source === undefined || e.source === p.source)
    && (p.id === undefined || e.id === p.id)
    && (p.messageIncludes === undefined || e.message.includes(p.messageIncludes)));
  if (hit) return met;
  const last = vm.guestEvents[vm.guestEvents.length - 1];
  return unmet(`No sign yet of ${what}${p.after ? ` after ${eventWords(p.after)}` : ''}; ${last ? `the newest entry is ${last.source} ${last.id}: "${clip(last.message.split('\n')[0], 120)}"` : 'the event log is empty'}.`);
});
