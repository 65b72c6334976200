// What every check needs: the state view, and short, concrete wording for what the lab shows.
import type { StateView, VmView, DiskView, EventView } from '../../engine/core/view';
import { formatBytes, formatLabTime } from '../../engine/core/format';

export interface CheckResult { done: boolean; why: string }

export const met: CheckResult = { done: true, why: '' };
export const unmet = (why: string): CheckResult => ({ done: false, why });

/** The VM, or an explanation of why the check cannot look at it. */
export function findVm(state: StateView, id: string): VmView | CheckResult {
  const vm = state.vms.find((v) => v.id === id);
  return vm ?? unmet(`This lab has no VM "${id}" (VMs: ${state.vms.map((v) => v.id).join(', ') || 'none'}).`);
}

export function findDisk(vm: VmView, id: string): DiskView | CheckResult {
  const disk = vm.disks.find((d) => d.id === id);
  return disk ?? unmet(`${vm.name} has no disk "${id}" (disks: ${vm.disks.map((d) => d.id).join(', ')}).`);
}

/** A check's VM and disk, or why they cannot be found. */
export function findVmDisk(state: StateView, vmId: string, diskId: string): { vm: VmView; disk: DiskView } | CheckResult {
  const vm = findVm(state, vmId);
  if (isResult(vm)) return vm;
  const disk = findDisk(vm, diskId);
  return isResult(disk) ? disk : { vm, disk };
}

export const isResult = (v: unknown): v is CheckResult =>
  typeof v === 'object' && v !== null && 'done' in v && 'why' in v && !('id' in v);

/** Simulated time as the lab clock shows it ("day 2, 03:04:05"). */
export const clock = (ms: number): string => formatLabTime(ms);

/** `text` cut to at most `max` characters at a word's end, with "…" when anything was left out: never mid-word. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = cut.search(/\s\S*$/);
  return `${(end > 0 ? cut.slice(0, end) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** Bytes as the page and the engine write them. */
export const size = formatBytes;

export const MB = 1024 * 1024;
export const GB = 1024 * MB;

/** A file's name without its datastore and folder: "[ds1] EXCH01/EXCH01-000001.vmdk" -> "EXCH01-000001.vmdk". */
export const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The last event of a VM (or of the lab), for "what the lab shows instead". */
export function lastEventText(events: EventView[], vm: string | undefined): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (vm === undefined || e.vm === vm) return `the last event was "${e.message}" at ${clock(e.time)}`;
  }
  return 'nothing has been logged yet';
}
