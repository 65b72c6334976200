// Helpers for the VSS tests: a Windows VM with applications, quiesced takes, the console, and the
// events and writer states a test checks.
import type { Lab } from '../lab/lab';
import type { LabDefinitionInput } from '../core/schema';
import type { EventView } from '../core/view';
import { smallLab, ok, take, vmOf, type SmallLab } from './harness';

type VmInput = NonNullable<LabDefinitionInput['vms']>[number];

/** A Windows 2003 VM "vm1" on ESX 4.0 with Exchange, Tools build 208167 with VSS, VSS Manual. */
export function vssLab(vm: Partial<VmInput> = {}, o: Omit<SmallLab, 'vm'> = {}): Lab {
  return smallLab({ ...o, vm: { apps: ['exchange'], disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'logs', capacityGB: 5, role: 'log' }], ...vm } });
}

export function quiesce(lab: Lab, name = 'q', extra: Record<string, unknown> = {}) {
  return take(lab, name, { quiesce: true, ...extra });
}

/** Start a quiesced take without waiting for it. */
export function startQuiesce(lab: Lab, name = 'q', extra: Record<string, unknown> = {}): string {
  return ok(lab, { type: 'snapshot.take', vm: 'vm1', name, quiesce: true, ...extra }).task!;
}

export function exec(lab: Lab, command: string): string {
  const r = ok(lab, { type: 'guest.exec', vm: 'vm1', command });
  return r.output ?? '';
}

export function inject(lab: Lab, fault: Record<string, unknown>): string {
  return ok(lab, { type: 'fault.inject', vm: 'vm1', fault }).fault!;
}

export function events(lab: Lab, from = 0): EventView[] {
  return lab.state().events.filter((e) => e.vm === 'vm1' && e.time >= from);
}

export const kinds = (lab: Lab, from = 0): string[] => events(lab, from).map((e) => e.kind);

export function writer(lab: Lab, name: string) {
  const w = vmOf(lab.state()).writers.find((x) => x.name === name);
  if (!w) throw new Error(`no writer ${name}`);
  return w;
}

export function task(lab: Lab, id: string) {
  return lab.state().tasks.find((t) => t.id === id)!;
}

export const EXCHANGE = 'Microsoft Exchange Writer';
