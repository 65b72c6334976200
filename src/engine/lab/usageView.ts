// Lab.datastoreUsage: the lab's space at one moment (UsageView), read from the model without building
// the state view, so the worker can sample it as time runs. The figures are the state view's own:
// files grouped by what core/fileUse.ts says each is for, chains and read amplification as DiskView
// gives them.
import type { Lab } from './lab';
import type { Datastore } from '../model/datastore/datastore';
import type { Vm } from '../model/vm';
import type { DatastoreUsageView, UsageView, VmUsageView } from '../core/view';
import { isMemoryUse } from '../core/fileUse';
import { diskChainFigures } from './stateView';

export function usageView(lab: Lab): UsageView {
  return { datastores: lab.datastores.map(datastoreUsage), vms: lab.vms.map(vmUsage) };
}

function datastoreUsage(ds: Datastore): DatastoreUsageView {
  let used = ds.otherUsedBytes, base = 0, deltas = 0, memory = 0;
  for (const f of ds.files()) {
    used += f.sizeBytes;
    if (f.use === 'base') base += f.sizeBytes;
    else if (f.use === 'delta') deltas += f.sizeBytes;
    else if (isMemoryUse(f.use)) memory += f.sizeBytes;
  }
  return { id: ds.id, capacityBytes: ds.capacityBytes, usedBytes: used, baseBytes: base, deltaBytes: deltas, memoryBytes: memory, otherBytes: used - base - deltas - memory };
}

function vmUsage(vm: Vm): VmUsageView {
  const disks = vm.disks.map((d) => {
    const chain = d.chainTo();
    let deltaBytes = 0;
    for (let i = 1; i < chain.length; i++) deltaBytes += chain[i].sizeBytes;
    const { chainDepth, readAmplification } = diskChainFigures(d, chain);
    return { id: d.id, deltaBytes, chainDepth, readAmplification };
  });
  const ex = vm.guest.exchange;
  return ex ? { id: vm.id, disks, exchange: { logBytes: ex.logBytes, truncations: ex.truncations } } : { id: vm.id, disks };
}
