// vSphere's configuration maximums the lab enforces: datastore, virtual disk and VM memory sizes.
import { GiB } from '../core/schema';
import { hostAtLeast, type HostVersion } from '../core/hostVersions';

const TiB = 1024 * GiB;

/** The largest VMFS volume (VMFS3 with extents, VMFS5 and VMFS6: 64 TB); an NFS export is what the filer gives. */
export const MAX_DATASTORE_BYTES = 64 * TiB;
/** A datastore smaller than this holds no VM (VMFS needs about 1.3 GB of its own; NFS the same floor here). */
export const MIN_DATASTORE_BYTES = 1 * GiB;

/** The largest virtual disk: 2 TB minus 512 bytes, 62 TB from ESXi 5.5 (any datastore, NFS included). */
export function maxVirtualDiskBytes(version: HostVersion): number {
  return hostAtLeast(version, '5.5') ? 62 * TiB : 2 * TiB - 512;
}

/** The most memory a VM may have on a host of this version (vSphere's configuration maximums). */
export function maxVmMemoryMB(version: HostVersion): number {
  if (hostAtLeast(version, '7.0')) return 24 * 1024 * 1024;
  if (hostAtLeast(version, '6.5')) return 6 * 1024 * 1024;
  if (hostAtLeast(version, '6.0')) return 4 * 1024 * 1024;
  if (hostAtLeast(version, '5.0')) return 1024 * 1024;
  if (hostAtLeast(version, '4.0')) return 255 * 1024;
  return 64 * 1024;
}
