// A datastore: capacity, speed and what lives on it. Used space is summed from the files of the VMs
// placed on it (a few dozen files), so it can never drift from what the datastore browser lists.
import type { DatastoreDefinition } from '../../core/schema';
import { GiB } from '../../core/schema';
import { maxFileBytes } from '../disk/formats';
import type { HostVersion } from '../../core/hostVersions';
import type { Vm } from '../vm';
import { vmFiles, vmUsedBytes } from './vmFiles';
import type { FileView } from '../../core/view';

export class Datastore {
  readonly id: string;
  readonly fs: DatastoreDefinition['fs'];
  capacityBytes: number;
  readonly blockSizeMB: number;
  MBps: number;
  /** datastoreSlow fault: a lower speed while it lasts */
  slowMBps: number | null = null;
  otherUsedBytes: number;
  /** A backup repository mounted by Instant VM Recovery (its id), or null for production storage. */
  nfsFor: string | null = null;
  vms: Vm[] = [];

  constructor(def: DatastoreDefinition) {
    this.id = def.id;
    this.fs = def.fs;
    this.capacityBytes = def.capacityBytes ?? Math.round((def.capacityGB ?? 500) * GiB);
    this.blockSizeMB = def.blockSizeMB;
    this.MBps = def.MBps;
    this.otherUsedBytes = Math.round(def.otherUsedGB * GiB);
  }

  /** Copy speed in bytes per simulated millisecond. */
  get bytesPerMs(): number { return ((this.slowMBps ?? this.MBps) * 1024 * 1024) / 1000; }
  /** The largest file this datastore holds for a host of this version (VMFS5 files grew at 5.5). */
  maxFileBytesFor(hostVersion: HostVersion): number { return maxFileBytes(this.fs, this.blockSizeMB, hostVersion); }

  files(): FileView[] {
    const out: FileView[] = [];
    for (const vm of this.vms) out.push(...vmFiles(vm));
    return out;
  }

  get usedBytes(): number {
    let used = this.otherUsedBytes;
    for (const vm of this.vms) used += vmUsedBytes(vm);
    return used;
  }

  /** The most this datastore has held since the lab started (sampled at merges and growth). */
  peakUsedBytes = 0;
  notePeak(): void { this.peakUsedBytes = Math.max(this.peakUsedBytes, this.usedBytes); }

  /**
   * Space running tasks have set aside for files they create later (a snapshot's deltas and memory
   * after its stun, a swap file at the end of a power-on), by task id. Writes and other tasks see it
   * as taken, and the datastore cannot shrink under it, so a task that started gets what it needed.
   */
  private reservations = new Map<string, number>();
  get reservedBytes(): number { let n = 0; for (const b of this.reservations.values()) n += b; return n; }
  reserve(taskId: string, bytes: number): void { if (bytes > 0) this.reservations.set(taskId, (this.reservations.get(taskId) ?? 0) + bytes); }
  /** The task is about to create its files (or has ended): its reservation becomes ordinary free space. */
  release(taskId: string): void { this.reservations.delete(taskId); }

  /** What a write or a new task may still take: capacity less what files hold and tasks reserved. */
  get freeBytes(): number { return Math.max(0, this.capacityBytes - this.usedBytes - this.reservedBytes); }
}
