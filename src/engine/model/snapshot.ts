// A snapshot as the .vmsd records it: a node of the VM's snapshot tree with, per disk, the file that
// was the writable leaf when it was taken (rule 3), and its own .vmsn (and .vmem from 6.0) files.
import type { DiskFile } from './disk/diskFile';
import type { Consistency, PowerState } from '../core/view';
import type { AppData } from './guest/guestState';

/** A .vmsn: settings, device state and .vmsd bookkeeping take a few KB (rule 5); memory is extra. */
export const VMSN_BYTES = 30 * 1024;

export interface SnapshotFile { path: string; sizeBytes: number; kind: 'vmsn' | 'vmem' | 'manifest' }

export interface Snapshot {
  id: string;             // "snapshot-N", lab-wide like a vSphere managed object id
  uid: number;            // the .vmsd uid: never reused in this VM after a delete (rule 6)
  name: string;
  description: string;
  parent: Snapshot | null;
  createdAt: number;
  memory: boolean;
  quiesced: boolean;
  consistency: Consistency;
  powerState: PowerState;
  /** diskId -> the file the disk's leaf was when the snapshot was taken */
  files: Map<string, DiskFile>;
  own: SnapshotFile[];
  /** The applications' data on the disks when the snapshot was taken (a revert restores it). */
  appData: AppData;
}
