// What the tree nodes show, read from the VM's state view: each snapshot with the disk files it
// names and the deltas written after it (sizes from the engine), and "You are here" with the leaves.
import type { SnapshotView, VmView } from '../../engine/core/view';
import { consistencyLabel, formatBytes, formatSimTime } from '../../app/format';

export interface FileLine { disk: string; file: string; sizeBytes: number | null }
export interface SnapshotNodeData extends Record<string, unknown> { snapshot: SnapshotView; files: FileLine[] }
// files: the deltas holding the writes made since the snapshot (the engine's SnapshotView.deltas)
export interface HereNodeData extends Record<string, unknown> { files: FileLine[]; vmName: string }

const shortName = (file: string) => file.replace(/^\[[^\]]*\]\s*/, '').split('/').pop() ?? file;

/** The files a snapshot names (the .vmsd fileName per disk), with the sizes the engine reports. */
export function snapshotFiles(s: SnapshotView): FileLine[] {
  return s.files.map((f) => ({ disk: f.disk, file: shortName(f.file), sizeBytes: f.sizeBytes }));
}

/** The deltas holding the writes made after a snapshot, on every branch (the engine's `deltas`). */
export function changesSince(s: SnapshotView): FileLine[] {
  return s.deltas.map((f) => ({ disk: f.disk, file: shortName(f.file), sizeBytes: f.sizeBytes }));
}

export function leafFiles(vm: VmView): FileLine[] {
  return vm.disks.map((d) => {
    const leaf = d.chain[d.chain.length - 1];
    return { disk: d.id, file: leaf ? shortName(leaf.file) : '', sizeBytes: leaf ? leaf.sizeBytes : null };
  });
}

export function snapshotAriaLabel(s: SnapshotView, current: boolean): string {
  const parts = [`Snapshot ${s.name}`, `taken ${formatSimTime(s.createdAt, false)}`, consistencyLabel(s.consistency)];
  if (s.memory) parts.push('with memory');
  if (s.quiesced) parts.push('quiesced');
  if (current) parts.push('current snapshot');
  return parts.join(', ');
}

export const fileLineText = (f: FileLine) => `${f.file}${f.sizeBytes === null ? '' : ` · ${formatBytes(f.sizeBytes)}`}`;
