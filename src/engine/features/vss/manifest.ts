// vss-manifest.zip (vss.md rule 20): VMware Tools stores the VSS backup components document beside
// a snapshot that VSS quiesced, with each writer's metadata when writers took part. Sizes: a few KB
// of compressed XML for the document and for each writer's manifest (inferred from typical files).
import type { Vm } from '../../model/vm';
import type { Snapshot } from '../../model/snapshot';

const DOCUMENT_BYTES = 2 * 1024;
const WRITER_MANIFEST_BYTES = 3 * 1024;
const APP_WRITER_MANIFEST_BYTES = 8 * 1024;   // Exchange and SQL list databases, logs and components

export function addVssManifest(vm: Vm, snap: Snapshot, writers: string[]): void {
  let bytes = DOCUMENT_BYTES;
  for (const w of writers) bytes += w === 'Microsoft Exchange Writer' || w === 'SqlServerWriter' ? APP_WRITER_MANIFEST_BYTES : WRITER_MANIFEST_BYTES;
  snap.own.push({ path: `${vm.folder}/${vm.name}-Snapshot${snap.uid}-vss-manifest.zip`, sizeBytes: bytes, kind: 'manifest' });
}

/** The most addVssManifest can write for this guest (every writer an application's): what a quiesce reserves. */
export function vssManifestBoundBytes(vm: Vm): number {
  return DOCUMENT_BYTES + APP_WRITER_MANIFEST_BYTES * vm.guest.writers.length;
}
