// Small labs and helpers for engine tests: build a lab in one line, run commands, let tasks finish.
import { Lab } from '../lab/lab';
import type { LabDefinitionInput } from '../core/schema';
import type { CommandResult, StateView, VmView, DiskView } from '../core/view';

type VmInput = NonNullable<LabDefinitionInput['vms']>[number];

export interface SmallLab {
  host?: string;
  fs?: 'vmfs3' | 'vmfs5' | 'vmfs6' | 'nfs';
  capacityGB?: number;
  MBps?: number;
  vm?: Partial<VmInput>;
  more?: VmInput[];
  settings?: LabDefinitionInput['settings'];
}

/** One host, one datastore, one VM "vm1" (VM1) with a 10 GB disk and no workload. */
export function smallLab(o: SmallLab = {}): Lab {
  return new Lab({
    seed: 7,
    hosts: [{ id: 'esx01', version: (o.host ?? '4.0') as never }],
    datastores: [{ id: 'ds1', capacityGB: o.capacityGB ?? 100, fs: o.fs ?? 'vmfs3', MBps: o.MBps ?? 100 }],
    vms: [{ id: 'vm1', name: 'VM1', guest: 'windows2003', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 10 }], ...o.vm }, ...(o.more ?? [])],
    settings: o.settings,
  });
}

/** Dispatch a command and fail the test with its error if it was refused. */
export function ok(lab: Lab, cmd: Record<string, unknown>): CommandResult & { ok: true } {
  const r = lab.dispatch(cmd);
  if (!r.ok) throw new Error(`${String(cmd.type)} refused: ${r.error.code} ${r.error.message}`);
  return r;
}

/** Advance until every task has finished (bounded, so a stuck task fails the test). */
export function settle(lab: Lab, limitMs = 24 * 3600_000): void {
  const start = lab.now;
  while (lab.tasks.some((t) => t.state === 'queued' || t.state === 'running')) {
    if (lab.now - start > limitMs) throw new Error('tasks did not finish');
    lab.advance(250);
  }
}

/** Run a command that starts a task, let it finish, and return the task's view. */
export function runTask(lab: Lab, cmd: Record<string, unknown>) {
  const r = ok(lab, cmd);
  settle(lab);
  const t = lab.state().tasks.find((x) => x.id === r.task);
  if (!t) throw new Error(`${String(cmd.type)} started no task`);
  return t;
}

export function take(lab: Lab, name: string, extra: Record<string, unknown> = {}, vm = 'vm1') {
  return runTask(lab, { type: 'snapshot.take', vm, name, ...extra });
}

export function vmOf(s: StateView, id = 'vm1'): VmView {
  const v = s.vms.find((x) => x.id === id);
  if (!v) throw new Error(`no vm ${id}`);
  return v;
}

export function diskOf(s: StateView, vm = 'vm1', disk = 'disk1'): DiskView {
  const d = vmOf(s, vm).disks.find((x) => x.id === disk);
  if (!d) throw new Error(`no disk ${disk}`);
  return d;
}

export const names = (d: DiskView): string[] => d.chain.map((c) => c.file.replace(/^\[[^\]]+\] [^/]+\//, ''));
export const snapId = (s: StateView, name: string, vm = 'vm1'): string => vmOf(s, vm).snapshots.find((x) => x.name === name)!.id;
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
