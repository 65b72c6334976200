// What the tree nodes show, read from the VM's state view: each snapshot with the disk files it
// names and the deltas written after it (sizes from the engine), and "You are here" with the leaves.
import type { SnapshotView, VmView } from '../../engine/core/view';
import { consistencyLabel, formatBytes, formatSimTime } from '../../app/format';

export interface FileLine { disk: string; file: string; sizeBytes: number | null; dataBytes: number | null }
export interface SnapshotNodeData extends Record<string, unknown> { snapshot: SnapshotView; files: FileLine[] }
// files: the deltas holding the writes made since the snapshot (the engine's SnapshotView.deltas)
export interface HereNodeData extends Record<string, unknown> { files: FileLine[]; vmName: string }

/** A file's name without its datastore and folder: "[ds1] EXCH01/EXCH01-000001.vmdk" -> "EXCH01-000001.vmdk". */
export const shortFileName = (file: string) => file.replace(/^\[[^\]]*\]\s*/, '').split('/').pop() ?? file;
const shortName = shortFileName;

/** The files a snapshot names (the .vmsd fileName per disk), with the sizes the engine reports. */
export function snapshotFiles(s: SnapshotView): FileLine[] {
  return s.files.map((f) => ({ disk: f.disk, file: shortName(f.file), sizeBytes: f.sizeBytes, dataBytes: f.dataBytes }));
}

/** The deltas holding the writes made after a snapshot, on every branch (the engine's `deltas`). */
export function changesSince(s: SnapshotView): FileLine[] {
  return s.deltas.map((f) => ({ disk: f.disk, file: shortName(f.file), sizeBytes: f.sizeBytes, dataBytes: f.dataBytes }));
}

export function leafFiles(vm: VmView): FileLine[] {
  return vm.disks.map((d) => {
    const leaf = d.chain[d.chain.length - 1];
    return { disk: d.id, file: leaf ? shortName(leaf.file) : '', sizeBytes: leaf ? leaf.sizeBytes : null, dataBytes: leaf ? leaf.dataBytes : null };
  });
}

export function snapshotAriaLabel(s: SnapshotView, current: boolean): string {
  const parts = [`Snapshot ${s.name}`, `taken ${formatSimTime(s.createdAt, false)}`, consistencyLabel(s.consistency)];
  if (s.memory) parts.push('with memory');
  if (s.quiesced) parts.push('quiesced');
  if (current) parts.push('current snapshot');
  return parts.join(', ');
}

/** The same words everywhere a file is listed (tree, Snapshot Manager, Disk chain): data held, file size. */
export const sizesText = (f: FileLine) => (f.sizeBytes === null ? '' : `${f.dataBytes === null ? '' : `${formatBytes(f.dataBytes)} data · `}${formatBytes(f.sizeBytes)} file`);
export const fileLineText = (f: FileLine) => `${f.file}${f.sizeBytes === null ? '' : ` · ${sizesText(f)}`}`;
