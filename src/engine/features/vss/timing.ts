// How long each step of a quiesce takes, in simulated milliseconds. Writer events take what 2010-era
// VSS traces show (a few hundred ms; Exchange and SQL flush their databases at freeze, so longer).
// Flush-and-hold is a documented function of the guest's write load and the datastore's speed, so
// heavy I/O on slow storage alone can overrun the 10 s hold limit (vss.md rule 8, SEED "rare cases"):
//
//   R      = the workload's write rate in bytes/s (write IOPS x the profile's average write size)
//   S      = the datastore's speed in bytes/s (a datastoreSlow fault lowers it)
//   dirty  = R x 2 s: data the guest's file system cache holds unwritten when the flush starts
//   flush  = 30 ms + dirty / (4 S): the flush lands in the array's write cache, which takes writes
//            about four times faster than it destages them (inferred)
//   commit (VMware Snapshot Provider) = 400-800 ms host work + 150 ms per dependent disk (a new
//            delta each) + the .vmsn write / S + dirty / S: the host's stun for the snapshot waits
//            until the flushed data is on disk
//   commit (Microsoft software provider) = 150-400 ms + 60 ms per volume (copy-on-write setup)
//
// Writes are held from the flush's end to the commit's end; a slowCommit fault replaces the commit.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { VMSN_BYTES } from '../../model/snapshot';
import type { Phase } from './phases';
import { TOOLS_LIMIT_MS } from '../../core/vssLimits';

export const DIRTY_WINDOW_S = 2;
const ARRAY_CACHE_FACTOR = 4;

/** VMware Tools' limit for a whole quiesce: tools.conf `timeout` (seconds) or 15 minutes. */
export function toolsLimitMs(vm: Vm): number {
  const t = Number(vm.toolsConf.timeout);
  return Number.isFinite(t) && t > 0 ? Math.round(t * 1000) : TOOLS_LIMIT_MS;
}

/** The guest's sustained write rate in bytes per second. */
export function writeRateBytes(lab: LabContext, vm: Vm): number {
  const w = lab.workloads.get(vm);
  if (!w || w.writeIOPS <= 0) return 0;
  return w.writeIOPS * w.bytesPerWrite;
}

export function dirtyBytes(lab: LabContext, vm: Vm): number {
  return Math.round(writeRateBytes(lab, vm) * DIRTY_WINDOW_S);
}

export function flushMs(lab: LabContext, vm: Vm): number {
  return Math.round(30 + dirtyBytes(lab, vm) / (ARRAY_CACHE_FACTOR * vm.datastore.bytesPerMs));
}

export type ProviderKind = 'vmware' | 'software';

/** The provider's CommitSnapshots: what the held writes wait for. */
export function commitMs(lab: LabContext, vm: Vm, provider: ProviderKind): number {
  const hold = vm.activeFaults('slowCommit')[0];
  if (hold) { vm.consume(hold); return hold.spec.holdMs; }
  if (provider === 'software') return Math.round(lab.rng.between(150, 400) + 60 * vm.guest.volumes.length);
  const disks = vm.disks.filter((d) => d.dependent).length;
  const bpm = vm.datastore.bytesPerMs;
  return Math.round(lab.rng.between(400, 800) + 150 * disks + VMSN_BYTES / bpm + dirtyBytes(lab, vm) / bpm);
}

/** How long a writer takes to answer an event. */
export function writerEventMs(lab: LabContext, writer: string, phase: Phase): number {
  const app = writer === 'Microsoft Exchange Writer' || writer === 'SqlServerWriter' || writer === 'NTDS' || writer === 'SharePoint Services Writer';
  const [lo, hi] = phase === 'freeze' ? (app ? [500, 1500] : [20, 250])
    : phase === 'identify' ? (app ? [300, 900] : [80, 400])
      : phase === 'prepareBackup' ? (app ? [400, 1200] : [30, 200])
        : phase === 'backupComplete' ? (app ? [200, 800] : [20, 150])
          : (app ? [100, 400] : [20, 150]);
  return Math.round(lab.rng.between(lo, hi));
}

/** VSS's own work between writer events (GatherWriterMetadata, StartSnapshotSet ...). */
export function vssStepMs(lab: LabContext): number {
  return Math.round(lab.rng.between(50, 250));
}
