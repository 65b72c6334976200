// What the tree nodes show, read from the VM's state view: each snapshot with the disk files it
// names (sizes from the chains that hold them) and "You are here" with the writable leaves.
import type { SnapshotView, VmView } from '../../engine/lab/view';
import { consistencyLabel, formatBytes, formatSimTime } from '../../app/format';

export interface FileLine { disk: string; file: string; sizeBytes: number | null }
export interface SnapshotNodeData extends Record<string, unknown> { snapshot: SnapshotView; files: FileLine[] }
// files: the deltas holding the writes made since the snapshot (see changesSince)
export interface HereNodeData extends Record<string, unknown> { files: FileLine[]; vmName: string }

const shortName = (file: string) => file.replace(/^\[[^\]]*\]\s*/, '').split('/').pop() ?? file;

export function fileSizes(vm: VmView): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of vm.disks) for (const f of d.chain) m.set(f.file, f.sizeBytes);
  return m;
}

export function snapshotFiles(s: SnapshotView, sizes: Map<string, number>): FileLine[] {
  return s.files.map((f) => ({ disk: f.disk, file: shortName(f.file), sizeBytes: sizes.get(f.file) ?? null }));
}

/**
 * The delta that holds the writes made after a snapshot: the file above the snapshot's own in the
 * disk's chain. Only snapshots on the current branch have one in the chains the state view lists.
 */
export function changesSince(vm: VmView, s: SnapshotView): FileLine[] {
  const out: FileLine[] = [];
  for (const f of s.files) {
    const chain = vm.disks.find((d) => d.id === f.disk)?.chain ?? [];
    const i = chain.findIndex((c) => c.file === f.file);
    const next = i >= 0 ? chain[i + 1] : undefined;
    if (next) out.push({ disk: f.disk, file: shortName(next.file), sizeBytes: next.sizeBytes });
  }
  return out;
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
