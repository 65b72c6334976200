// Checks on a VM's snapshot tree (Snapshot Manager): how many, which, where "You are here" hangs.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { findVm, isResult, met, unmet, plural, clock } from './context';
import type { SnapshotView, VmView } from '../../engine/core/view';

/** Snapshot names as a short list: long chains show their first and last few. */
function names(vm: VmView): string {
  const all = vm.snapshots.map((s) => `"${s.name}"`);
  return all.length <= 6 ? all.join(', ') : `${all.slice(0, 3).join(', ')} ... ${all.slice(-2).join(', ')}`;
}

export const snapshotCount = defineCheck('snapshotCount', {
  vm: vmId,
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const n = vm.snapshots.length;
  if (p.min !== undefined && n < p.min) return unmet(`${vm.name} has ${plural(n, 'snapshot')}; the goal is at least ${p.min}.`);
  if (p.max !== undefined && n > p.max) return unmet(`${vm.name} has ${plural(n, 'snapshot')} (${names(vm)}); the goal is at most ${p.max}.`);
  return met;
});

const snapshotFilter = {
  name: z.string().min(1).optional(),
  quiesced: z.boolean().optional(),
  memory: z.boolean().optional(),
  consistency: z.enum(['poweredOff', 'memory', 'application', 'filesystem', 'crash']).optional(),
};

function matches(s: SnapshotView, p: { name?: string; quiesced?: boolean; memory?: boolean; consistency?: string }): boolean {
  return (p.name === undefined || s.name === p.name)
    && (p.quiesced === undefined || s.quiesced === p.quiesced)
    && (p.memory === undefined || s.memory === p.memory)
    && (p.consistency === undefined || s.consistency === p.consistency);
}

function describeWanted(p: { name?: string; quiesced?: boolean; memory?: boolean; consistency?: string }): string {
  const adjectives = [
    p.quiesced === true ? 'quiesced' : p.quiesced === false ? 'unquiesced' : '',
    p.consistency !== undefined ? `${p.consistency}-consistent` : '',
  ].filter(Boolean).join(', ');
  const tail = [p.name !== undefined ? `named "${p.name}"` : '', p.memory === true ? 'with memory' : p.memory === false ? 'without memory' : ''].filter(Boolean).join(' ');
  return `${adjectives ? `a ${adjectives} snapshot` : 'a snapshot'}${tail ? ` ${tail}` : ''}`;
}

export const snapshotExists = defineCheck('snapshotExists', { vm: vmId, ...snapshotFilter }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  if (vm.snapshots.some((s) => matches(s, p))) return met;
  if (!vm.snapshots.length) return unmet(`${vm.name} has no snapshots; the goal is ${describeWanted(p)}.`);
  const seen = vm.snapshots.map((s) => `"${s.name}" (${s.consistency}${s.memory ? ', memory' : ''})`).join(', ');
  return unmet(`${vm.name} has ${seen}; the goal is ${describeWanted(p)}.`);
});

export const snapshotBranches = defineCheck('snapshotBranches', {
  vm: vmId,
  minChildren: z.number().int().min(2).default(2),
  // Snapshot Manager draws "You are here" as a child too; by default only snapshots count, so that
  // a revert alone does not make a branch.
  countYouAreHere: z.boolean().default(false),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  let best = 0;
  let bestName = '';
  for (const s of vm.snapshots) {
    const kids = vm.snapshots.filter((c) => c.parent === s.id).length + (p.countYouAreHere && vm.currentSnapshot === s.id ? 1 : 0);
    if (kids > best) { best = kids; bestName = s.name; }
  }
  if (best >= p.minChildren) return met;
  if (!vm.snapshots.length) return unmet(`${vm.name} has no snapshots, so its tree has no branches.`);
  const most = best ? `at most ${best} snapshot${best === 1 ? '' : 's'} directly below "${bestName}"` : 'no snapshot has another below it';
  return unmet(`${vm.name}'s snapshot tree has no branch yet (${most}); the goal is a snapshot with ${p.minChildren} snapshots directly below it.`);
});

export const currentSnapshot = defineCheck('currentSnapshot', { vm: vmId, name: z.string().min(1) }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const cur = vm.snapshots.find((s) => s.id === vm.currentSnapshot);
  if (cur?.name === p.name) return met;
  return unmet(`"You are here" hangs under ${cur ? `"${cur.name}"` : 'no snapshot'} in ${vm.name}; the goal is under "${p.name}".`);
});

export const snapshotAge = defineCheck('snapshotAge', { vm: vmId, maxHours: z.number().positive() }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const oldest = vm.snapshots.reduce<SnapshotView | null>((a, s) => (!a || s.createdAt < a.createdAt ? s : a), null);
  if (!oldest) return met;
  const hours = (state.time - oldest.createdAt) / 3600_000;
  if (hours <= p.maxHours) return met;
  return unmet(`${vm.name}'s snapshot "${oldest.name}" was taken at ${clock(oldest.createdAt)}, ${hours.toFixed(0)} hours ago; the goal is none older than ${p.maxHours} hours.`);
});
