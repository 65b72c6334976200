// vSphere's own limits on a lab, checked before anything is built: a value
// vSphere would refuse is refused here with its field named, never met later as an internal error.
import { LabDefinitionError, formatPath, GiB, type LabDefinition } from '../core/schema';
import { formatBytes } from '../core/format';
import { maxFileBytes } from '../model/disk/formats';
import { MAX_DATASTORE_BYTES, MIN_DATASTORE_BYTES, maxVirtualDiskBytes, maxVmMemoryMB } from '../model/limits';

const fail = (path: (string | number)[], message: string): never => {
  throw new LabDefinitionError(`Invalid lab definition: ${formatPath(path)}: ${message}`);
};

/** The size field a definition used, for messages: "capacityGB" or "capacityBytes". */
const sizeField = (d: { capacityBytes?: number }) => (d.capacityBytes !== undefined ? 'capacityBytes' : 'capacityGB');

export function checkLabLimits(def: LabDefinition): void {
  def.datastores.forEach((d, i) => {
    const bytes = d.capacityBytes ?? (d.capacityGB ?? 500) * GiB;
    if (bytes > MAX_DATASTORE_BYTES) fail(['datastores', i, sizeField(d)], `expected at most 64 TB, the largest datastore vSphere mounts; got ${formatBytes(bytes)}`);
    if (bytes < MIN_DATASTORE_BYTES) fail(['datastores', i, sizeField(d)], `expected at least 1 GB; got ${formatBytes(bytes)}`);
  });
  def.vms.forEach((v, i) => {
    const host = def.hosts.find((h) => h.id === v.host) ?? def.hosts[0];
    const ds = def.datastores.find((d) => d.id === v.datastore) ?? def.datastores[0];
    const maxMem = maxVmMemoryMB(host.version);
    if (v.memoryMB > maxMem) fail(['vms', i, 'memoryMB'], `expected at most ${maxMem} MB, the most memory ESX ${host.version} gives a VM; got ${v.memoryMB}`);
    const fileLimit = maxFileBytes(ds.fs, ds.blockSizeMB, host.version);
    // A running VM has a swap file as large as its memory: it must fit the datastore's file limit.
    if (v.power !== 'poweredOff' && v.memoryMB * 1024 * 1024 > fileLimit) {
      fail(['vms', i, 'memoryMB'], `expected at most ${Math.floor(fileLimit / 1024 / 1024)} MB: the VM's swap file (its memory) must fit in one file on "${ds.id}" (${ds.fs}, at most ${formatBytes(fileLimit)} a file)`);
    }
    (v.disks ?? []).forEach((dd, j) => {
      const cap = dd.capacityBytes ?? Math.round((dd.capacityGB ?? 40) * GiB);
      const path = ['vms', i, 'disks', j, sizeField(dd)];
      const diskMax = maxVirtualDiskBytes(host.version);
      if (cap > diskMax) fail(path, `expected at most ${formatBytes(diskMax)} (${diskMax} bytes), the largest virtual disk ESX ${host.version} supports; got ${formatBytes(cap)}`);
      if (cap > fileLimit) fail(path, `expected at most ${fileLimit} bytes, the largest file datastore "${ds.id}" (${ds.fs}) can hold for ESX ${host.version}; got ${cap} bytes`);
    });
  });
}
