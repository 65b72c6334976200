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

  get freeBytes(): number { return Math.max(0, this.capacityBytes - this.usedBytes); }
}
