// How the proxy reaches the disks (VDDK transport modes): hot-add attaches the snapshot's disks to
// the proxy VM and reads them through its host's storage stack; SAN reads the VMFS LUN directly and
// needs block storage (on NFS VDDK fails over to NBD); NBD copies over the host's management network
// (NFC). The read runs at the slower of the proxy's speed and the datastore's.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Job, Transport } from './model';

export interface TransferPath { transport: Transport; MBps: number; bytesPerMs: number; setupMs: number; notes: { text: string; fallback: boolean }[] }

// Hot-add reconfigures the proxy VM twice (attach, detach); NBD and SAN open the disks directly.
const SETUP_MS: Record<Transport, number> = { hotadd: 15_000, nbd: 3_000, san: 5_000 };

export function transferPlan(lab: LabContext, job: Job, vm: Vm): TransferPath {
  const notes: TransferPath['notes'] = [];
  let transport = job.proxy.transport;
  if (transport === 'san' && vm.datastore.fs === 'nfs') {
    transport = 'nbd';
    notes.push({ text: `SAN transport needs a VMFS LUN; ${vm.datastore.id} is NFS, so the proxy failed over to NBD.`, fallback: true });
  }
  const dsMBps = vm.datastore.slowMBps ?? vm.datastore.MBps;
  const MBps = Math.min(job.proxy.MBps, dsMBps);
  if (dsMBps < job.proxy.MBps) notes.push({ text: `Read at ${MBps} MB/s: datastore ${vm.datastore.id} is slower than ${job.proxy.id} (${job.proxy.MBps} MB/s).`, fallback: false });
  if (transport === 'hotadd') lab.log(vm, 'backup', 'backup.hotAdd', `${job.proxy.id} hot-added ${vm.name}'s disks as they were at the snapshot (read-only).`);
  return { transport, MBps, bytesPerMs: (MBps * 1024 * 1024) / 1000, setupMs: SETUP_MS[transport], notes };
}
