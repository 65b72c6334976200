// What each kind of file on a datastore is for, decided once: the Datastore charts, "What snapshots
// cost" and lesson checks all group files by this, so they never disagree on what counts as memory.
import type { FileKind } from './view';

/**
 * base: a base disk's extent; delta: a snapshot's or redo log's delta extent; snapshotMemory: what a
 * snapshot keeps of the VM's state (.vmsn, and the memory image .vmem); suspendedMemory: a suspended
 * VM's memory image (.vmss), which no snapshot owns; other: configuration, swap, logs, descriptors,
 * CBT files, manifests.
 */
export type FileUse = 'base' | 'delta' | 'snapshotMemory' | 'suspendedMemory' | 'other';

export const FILE_USE: Readonly<Record<FileKind, FileUse>> = {
  flat: 'base', delta: 'delta', redo: 'delta', vmsn: 'snapshotMemory', vmem: 'snapshotMemory', vmss: 'suspendedMemory',
  vmx: 'other', vmxf: 'other', vmsd: 'other', nvram: 'other', vswp: 'other', log: 'other', descriptor: 'other',
  ctk: 'other', manifest: 'other', other: 'other',
};

/** A memory image on disk, a snapshot's or a suspended VM's. */
export const isMemoryUse = (use: FileUse): boolean => use === 'snapshotMemory' || use === 'suspendedMemory';
