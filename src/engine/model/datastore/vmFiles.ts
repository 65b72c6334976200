// What the datastore browser shows in a VM's folder (rule 6): configuration, swap, log, every disk
// file (descriptor + extent), and each snapshot's .vmsn / .vmem / manifest.
import type { Vm } from '../vm';
import { ctkFileBytes } from '../disk/changeTracking';
import type { FileKind, FileView } from '../../core/view';
import { FILE_USE } from '../../core/fileUse';

const KB = 1024;
export const VMX_BYTES = 3 * KB;
export const NVRAM_BYTES = 8684;
const VMSD_ENTRY_BYTES = 420;
const VMXF_BYTES = 263;
const VMSS_EXTRA_BYTES = 64 * KB;

export function vmFiles(vm: Vm): FileView[] {
  const f = vm.folder;
  const files: FileView[] = [
    fileView(`${f}/${vm.name}.vmx`, VMX_BYTES, 'vmx', vm.id),
    fileView(`${f}/${vm.name}.vmxf`, VMXF_BYTES, 'vmxf', vm.id),
    fileView(`${f}/${vm.name}.nvram`, NVRAM_BYTES, 'nvram', vm.id),
    // The .vmsd is 0 bytes until the first snapshot (rule 6).
    fileView(`${f}/${vm.name}.vmsd`, vmsdBytes(vm), 'vmsd', vm.id),
    fileView(`${f}/vmware.log`, vm.logBytes, 'log', vm.id),
  ];
  if (vm.power === 'poweredOn') files.push(fileView(`${f}/${vm.name}-${swapSuffix(vm)}.vswp`, vm.memoryBytes, 'vswp', vm.id));
  if (vm.power === 'suspended') files.push(fileView(`${f}/${vm.name}-${swapSuffix(vm)}.vmss`, vm.memoryBytes + VMSS_EXTRA_BYTES, 'vmss', vm.id));
  for (const d of vm.disks) {
    for (const file of d.files) {
      if (file.descriptorBytes) files.push(fileView(file.path, file.descriptorBytes, 'descriptor', vm.id));
      const kind = file.isBase ? 'flat' : file.format === 'redo' ? 'redo' : 'delta';
      files.push(fileView(file.extentPath, extentBytes(d, file), kind, vm.id));
      // CBT keeps a -ctk.vmdk beside every disk file it tracks (VDDK guide: changeTrackPath).
      if (d.ctk) files.push(fileView(ctkPath(file.path), ctkFileBytes(d.capacityBytes), 'ctk', vm.id));
    }
  }
  for (const s of vm.snapshots) for (const o of s.own) files.push(fileView(o.path, o.sizeBytes, o.kind, vm.id));
  return files;
}

const fileView = (path: string, sizeBytes: number, kind: FileKind, vm: string): FileView => ({ path, sizeBytes, kind, use: FILE_USE[kind], vm });

/** The same total as summing vmFiles(vm), without building the list: the write path asks it often. */
export function vmUsedBytes(vm: Vm): number {
  let used = VMX_BYTES + VMXF_BYTES + NVRAM_BYTES + vmsdBytes(vm) + vm.logBytes;
  if (vm.power === 'poweredOn') used += vm.memoryBytes;
  if (vm.power === 'suspended') used += vm.memoryBytes + VMSS_EXTRA_BYTES;
  for (const d of vm.disks) {
    const ctk = d.ctk ? ctkFileBytes(d.capacityBytes) : 0;
    for (const f of d.files) used += f.descriptorBytes + extentBytes(d, f) + ctk;
  }
  for (const s of vm.snapshots) for (const o of s.own) used += o.sizeBytes;
  return used;
}

/**
 * What an extent takes on the datastore. The base of a raw device mapping is its mapping file
 * (-rdm.vmdk / -rdmp.vmdk): it holds no data (the data is on the LUN), so the lab shows and counts it
 * as 0 bytes of datastore space used, while the disk's capacity stays the LUN's.
 */
const extentBytes = (d: Vm['disks'][number], f: Vm['disks'][number]['base']): number => (d.rdm && f === d.base ? 0 : f.sizeBytes);

const ctkPath = (descriptor: string): string => descriptor.replace(/\.vmdk$/, '-ctk.vmdk');

const vmsdBytes = (vm: Vm): number => (vm.snapshots.length ? 120 + VMSD_ENTRY_BYTES * vm.snapshots.length : 0);

/** How much the .vmsd grows when one more snapshot is recorded. */
export const vmsdGrowthBytes = (vm: Vm): number => (vm.snapshots.length ? VMSD_ENTRY_BYTES : 120 + VMSD_ENTRY_BYTES);

/**
 * The -ctk.vmdk files a stun/unstun cycle adds to a disk that gets `newFiles` more files: one per new
 * file while CBT is on, and one per existing file too if the cycle switches a pending ctkEnabled on.
 */
export function ctkGrowthBytes(vm: Vm, disk: Vm['disks'][number], newFiles: number, enabled = vm.ctkEnabled): number {
  if (!disk.dependent || !enabled) return 0;
  return ctkFileBytes(disk.capacityBytes) * (newFiles + (disk.ctk ? 0 : disk.files.length));
}

function swapSuffix(vm: Vm): string {
  // vSphere names the swap file with a hash; the lab derives a stable one from the VM id.
  let h = 0x811c9dc5;
  for (const c of vm.id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
