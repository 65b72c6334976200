// Checks on a VM's disks and delta chains, as the datastore browser and the chain view show them.
import { z } from 'zod';
import { defineCheck, vmId, diskId } from './define';
import { findVm, findVmDisk, isResult, met, unmet, size, fileName, MB, plural } from './context';
import type { DiskView } from '../../engine/core/view';

const leafOf = (d: DiskView) => d.chain[d.chain.length - 1];

export const chainDepth = defineCheck('chainDepth', {
  vm: vmId,
  disk: diskId,
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
}, (state, p) => {
  const found = findVmDisk(state, p.vm, p.disk);
  if (isResult(found)) return found;
  const { vm, disk } = found;
  const n = disk.chainDepth;
  const what = n === 0 ? `${vm.name}'s ${disk.label} writes straight to its base ${fileName(disk.chain[0].file)}` : `${vm.name}'s ${disk.label} has ${plural(n, 'delta')} above its base`;
  if (p.min !== undefined && n < p.min) return unmet(`${what}; the goal is at least ${plural(p.min, 'delta')}.`);
  if (p.max !== undefined && n > p.max) return unmet(`${what}; the goal is at most ${plural(p.max, 'delta')}.`);
  return met;
});

/** Data held by the disk's writable leaf: what the guest wrote since the last snapshot. */
export const leafData = defineCheck('leafData', {
  vm: vmId,
  disk: diskId,
  minMB: z.number().min(0).optional(),
  maxMB: z.number().min(0).optional(),
}, (state, p) => {
  const found = findVmDisk(state, p.vm, p.disk);
  if (isResult(found)) return found;
  const { vm, disk } = found;
  const leaf = leafOf(disk);
  if (disk.chainDepth === 0) return unmet(`${vm.name}'s ${disk.label} writes straight to its base ${fileName(leaf.file)}: there is no delta yet.`);
  const held = `${fileName(leaf.extent)} holds ${size(leaf.dataBytes)}`;
  if (p.minMB !== undefined && leaf.dataBytes < p.minMB * MB) return unmet(`${held}; the goal is at least ${size(p.minMB * MB)}.`);
  if (p.maxMB !== undefined && leaf.dataBytes > p.maxMB * MB) return unmet(`${held}; the goal is at most ${size(p.maxMB * MB)}.`);
  return met;
});

/** A disk and the least a file of it should hold, in MB. */
const diskAtLeastMB = { vm: vmId, disk: diskId, minMB: z.number().min(0) };

/** What the leaf delta takes on the datastore (growth steps and metadata included). */
export const leafSize = defineCheck('leafSize', diskAtLeastMB, (state, p) => {
  const found = findVmDisk(state, p.vm, p.disk);
  if (isResult(found)) return found;
  const { vm, disk } = found;
  const leaf = leafOf(disk);
  if (disk.chainDepth === 0) return unmet(`${vm.name}'s ${disk.label} has no delta yet: it writes to ${fileName(leaf.file)}.`);
  if (leaf.sizeBytes >= p.minMB * MB) return met;
  return unmet(`${fileName(leaf.extent)} takes ${size(leaf.sizeBytes)} on the datastore; the goal is at least ${size(p.minMB * MB)}.`);
});

/** Data in the base disk (thin bases grow as the guest writes; independent disks write only here). */
export const baseData = defineCheck('baseData', diskAtLeastMB, (state, p) => {
  const found = findVmDisk(state, p.vm, p.disk);
  if (isResult(found)) return found;
  const base = found.disk.chain[0];
  if (base.dataBytes >= p.minMB * MB) return met;
  return unmet(`${fileName(base.extent)} holds ${size(base.dataBytes)}; the goal is at least ${size(p.minMB * MB)}.`);
});

export const consolidationNeeded = defineCheck('consolidationNeeded', { vm: vmId, value: z.boolean() }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  if (vm.consolidationNeeded === p.value) return met;
  return unmet(p.value
    ? `${vm.name} does not show "Virtual machine disks consolidation is needed".`
    : `${vm.name} shows "Virtual machine disks consolidation is needed": deltas no snapshot names are still on the datastore.`);
});
