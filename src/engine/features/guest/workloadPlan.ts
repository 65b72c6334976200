// Where a VM's workload writes: each stream of its profile on the disk whose role fits (the disks'
// roles come from the lab definition, docs/lab-definition.md), in its own area. A disk that carries several roles is split into bands (system first, then data, then log),
// so that no two streams of a VM share grains: each stream's writes then follow their own law.
import type { Vm } from '../../model/vm';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import type { DiskRole } from '../../core/schema';
import { diskForRole } from '../../model/diskRoles';
import { PROFILES, type StreamSpec } from '../../model/guest/profiles';

export interface UniformOptions { writeBytes: number; regionBytes: number }

/** One stream of writes, resolved to a disk and a byte area [start, start + slots * bytes). */
export interface StreamPlan {
  kind: 'random' | 'log';
  disk: VirtualDisk;
  start: number;
  /** Write size: a random write's slot, or a log append. */
  bytes: number;
  /** Slots of `bytes` in the area (random: where writes land; log: the ring's length in appends). */
  slots: number;
  /** Share of the VM's writes. */
  share: number;
  exchangeLog: boolean;
  /** One of Exchange's own streams (its database or its logs): they stop when the store dismounts. */
  exchange: boolean;
}

const ROLE_ORDER: DiskRole[] = ['system', 'data', 'log'];
const BANDS: Record<string, Record<string, [number, number]>> = {
  'system': { system: [0, 1] },
  'data': { data: [0, 1] },
  'log': { log: [0, 1] },
  'system,data': { system: [0, 0.3], data: [0.3, 1] },
  'system,log': { system: [0, 0.8], log: [0.8, 1] },
  'data,log': { data: [0, 0.8], log: [0.8, 1] },
  'system,data,log': { system: [0, 0.3], data: [0.3, 0.8], log: [0.8, 1] },
};

/** The disk each role writes on (model/diskRoles.ts: the disks' roles from the lab definition). */
export function diskForRoles(vm: Vm): Record<DiskRole, VirtualDisk> {
  return { system: diskForRole(vm, 'system'), data: diskForRole(vm, 'data'), log: diskForRole(vm, 'log') };
}

export function planStreams(vm: Vm, profile: string, uniform?: UniformOptions): StreamPlan[] {
  if (profile === 'uniform') {
    const disk = vm.disks[0];
    const u = uniform!;
    return [{ kind: 'random', disk, start: 0, bytes: u.writeBytes, slots: Math.floor(u.regionBytes / u.writeBytes), share: 1, exchangeLog: false, exchange: false }];
  }
  const specs = PROFILES[profile]?.streams ?? [];
  if (!specs.length || !vm.disks.length) return [];
  const byRole = diskForRoles(vm);
  const rolesOn = new Map<VirtualDisk, DiskRole[]>();
  for (const role of ROLE_ORDER) {
    if (!specs.some((s) => s.role === role)) continue;
    const d = byRole[role];
    rolesOn.set(d, [...(rolesOn.get(d) ?? []), role]);
  }
  const exchange = profile === 'exchange';
  return specs.map((s) => place(s, byRole[s.role], BANDS[rolesOn.get(byRole[s.role])!.join(',')][s.role], exchange && s.role !== 'system'));
}

function place(s: StreamSpec, disk: VirtualDisk, band: [number, number], exchange: boolean): StreamPlan {
  const bytes = s.kind === 'random' ? s.slotBytes : s.bytes;
  // The guest writes inside its file system's data (backup rule 21): what the disk held when the lab
  // started (at least 1 GB), so a full backup's blocks in use cover every area.
  const data = Math.min(disk.capacityBytes, Math.max(GiB, disk.guestDataBytes));
  if (s.kind === 'log' && s.exchangeLog === true) {
    // Exchange keeps every log file until a Full or Incremental backup truncates them: they fill the
    // volume's free space after its data, not a ring (backup rule 22).
    const start = Math.min(alignUp(Math.min(disk.capacityBytes, disk.guestDataBytes), 1024 * 1024), disk.capacityBytes - bytes);
    return { kind: 'log', disk, start, bytes, slots: Math.max(1, Math.floor((disk.capacityBytes - start) / bytes)), share: s.share, exchangeLog: true, exchange };
  }
  const span = data;
  const bandStart = Math.floor(span * band[0]);
  const bandBytes = Math.floor(span * band[1]) - bandStart;
  // Areas start on a 1 MB boundary, as a partition or a file system's allocation would.
  const start = alignUp(bandStart + Math.floor(bandBytes * s.at), 1024 * 1024);
  const limit = Math.min(disk.capacityBytes, bandStart + bandBytes);
  const slots = Math.max(1, Math.floor(Math.min(Math.floor(bandBytes * s.size), limit - start) / bytes));
  return { kind: s.kind, disk, start: Math.min(start, disk.capacityBytes - bytes), bytes, slots, share: s.share, exchangeLog: false, exchange };
}

const GiB = 1024 ** 3;
const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** Bytes of an average write: what the VSS flush model weighs the write rate with. */
export function averageWriteBytes(streams: readonly StreamPlan[]): number {
  return streams.reduce((a, s) => a + s.share * s.bytes, 0);
}
