// Checks on restores: a VM started from a backup by Instant VM Recovery (running on the repository's
// NFS datastore, its writes in a redo log) and its migration to production storage (docs/restores.md).
// They name the VM the point came from, not the recovered VM, whose name the learner chooses.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { findVm, isResult, met, unmet, size, fileName, MB } from './context';
import type { StateView, VmView } from '../../engine/core/view';

const INSTANT_TASK = 'Instant VM Recovery';
const MIGRATE_TASK = 'Relocate virtual machine';

/** What a VM's redo logs hold now: the leaf files of format redo, summed over its disks. */
function redo(vm: VmView): { bytes: number; files: string[] } {
  const leaves = vm.disks.map((d) => d.chain[d.chain.length - 1]).filter((f) => f.format === 'redo');
  return { bytes: leaves.reduce((a, f) => a + f.dataBytes, 0), files: leaves.map((f) => fileName(f.extent)) };
}

const inFlight = (state: StateView, vm: VmView, name: string) =>
  state.tasks.find((t) => t.vm === vm.id && t.name === name && (t.state === 'running' || t.state === 'queued'));

export const instantRecovery = defineCheck('instantRecovery', {
  source: vmId.describe('the VM whose restore point was recovered'),
  stage: z.enum(['running', 'migrated']).describe('running: a VM runs from a point of `source` on the NFS datastore; migrated: one was moved to production storage'),
  minRedoMB: z.number().min(0).optional().describe('running: its redo logs hold at least this much (now, or when it was migrated)'),
  datastore: z.string().min(1).optional().describe('migrated: the production datastore it went to'),
}, (state, p) => {
  const src = findVm(state, p.source);
  if (isResult(src)) return src;
  const live = state.vms.filter((v) => v.instantRecovery?.source === p.source);
  const moved = state.vms.filter((v) => v.migratedFromBackup?.source === p.source);
  const min = (p.minRedoMB ?? 0) * MB;
  const goal = p.stage === 'migrated'
    ? `a VM started from one by Instant VM Recovery and migrated to production storage${p.datastore ? ` (${p.datastore})` : ''}`
    : p.minRedoMB !== undefined ? `a VM running from one by Instant VM Recovery whose redo log holds at least ${size(min)}` : 'a VM started from one by Instant VM Recovery';
  if (!live.length && !moved.length) {
    const points = state.restorePoints.filter((x) => x.vm === p.source).map((x) => x.id);
    if (!points.length) return unmet(`${src.name} has no restore point yet, so nothing can start from its backup; the goal is ${goal}.`);
    return unmet(`No VM runs from a restore point of ${src.name} yet (its points: ${points.join(', ')}); the goal is ${goal}.`);
  }

  if (p.stage === 'migrated') {
    const there = moved.find((v) => p.datastore === undefined || v.migratedFromBackup!.to === p.datastore);
    if (there) return met;
    if (moved.length) return unmet(`${moved[0].name} was migrated to ${moved[0].migratedFromBackup!.to}; the goal is ${p.datastore}.`);
    const vm = live[0];
    const task = inFlight(state, vm, MIGRATE_TASK);
    if (task) return unmet(`${vm.name} is being migrated to production storage (${task.progress}%): until the switch it runs from ${vm.datastore} and writes to its redo log there.`);
    return unmet(`${vm.name} still runs from ${vm.datastore}, the backup repository's NFS datastore, writing to its redo log; the goal is ${goal}.`);
  }

  if (moved.some((v) => v.migratedFromBackup!.redoBytes >= min)) return met;
  const running = live.filter((v) => v.power === 'poweredOn');
  if (running.some((v) => redo(v).bytes >= min)) return met;
  if (running.length) {
    const vm = running[0];
    const r = redo(vm);
    const held = r.files.length === 1 ? `${vm.name}'s redo log ${r.files[0]} holds ${size(r.bytes)}` : `${vm.name}'s redo logs hold ${size(r.bytes)}`;
    return unmet(`${held} on ${vm.datastore}; the goal is at least ${size(min)}.`);
  }
  if (live.length) {
    const vm = live[0];
    if (inFlight(state, vm, INSTANT_TASK)) return unmet(`${vm.name} is registered on ${vm.datastore}, the backup repository's NFS datastore, and still starting; the goal is ${goal}.`);
    return unmet(`${vm.name} is on ${vm.datastore}, the backup repository's NFS datastore, but ${vm.power === 'suspended' ? 'suspended' : 'powered off'}; the goal is ${goal}.`);
  }
  const m = moved[0].migratedFromBackup!;
  return unmet(`${moved[0].name} was migrated to ${m.to} when its redo logs held ${size(m.redoBytes)}; the goal was at least ${size(min)} before the migration (start another Instant VM Recovery to watch it again).`);
});
