// Active Directory replication between the lab's domain controllers, and how a DC finds out that its
// database went back in time (a USN rollback: docs/rules/restores.md rules 1-2). Every running DC pulls
// its partners' changes on a fixed cycle; a DC whose partners already hold more of its own USNs than it
// has committed has been rolled back, and Windows stops it replicating (NTDS event 2095).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { DirectoryState } from '../../model/guest/directory';
import { guestEvent } from '../guest/eventLog';

/** How often each DC pulls from its partners: intra-site change notification batches every few minutes. */
export const REPLICATION_CYCLE_MS = 5 * 60_000;
/** A small domain: each DC originates about one change (a password, a logon timestamp) a minute. */
export const CHANGE_EVERY_MS = 60_000;

/** Win32 results repadmin shows for an inbound attempt. */
export const REPL_RESULT = {
  success: 0,
  rpcUnavailable: 1722,        // The RPC server is unavailable.
  sourceRejecting: 8456,       // The source server is currently rejecting replication requests.
  destinationRejecting: 8457,  // The destination server is currently rejecting replication requests.
} as const;

export const domainControllers = (lab: LabContext): Vm[] => lab.vms.filter((v) => v.guest.directory !== null);

/** The cycle as data (scheduled with afterCall), so a lab holding it can still be copied. */
export class DirectoryReplication {
  constructor(private readonly lab: LabContext) {}

  /** Start the cycle when the lab has domain controllers that can replicate with each other. */
  start(): void {
    if (domainControllers(this.lab).length > 1) this.lab.scheduler.afterCall(REPLICATION_CYCLE_MS, this, 'cycle', true);
  }

  cycle(): void {
    replicate(this.lab);
    // Quiet: replication touches no disk, so the guests' workloads are not cut at every cycle.
    this.lab.scheduler.afterCall(REPLICATION_CYCLE_MS, this, 'cycle', true);
  }
}

/** Count a running, writable DC's own changes up to now: each takes the next USN. */
export function countChanges(lab: LabContext, vm: Vm, d: DirectoryState): void {
  if (vm.power !== 'poweredOn' || d.dsaNotWritable) { d.countedTo = lab.now; return; }
  const n = Math.floor((lab.now - d.countedTo) / CHANGE_EVERY_MS);
  d.usn += n;
  d.countedTo += n * CHANGE_EVERY_MS;
}

export function replicate(lab: LabContext): void {
  const dcs = domainControllers(lab);
  for (const vm of dcs) countChanges(lab, vm, vm.guest.directory!);
  for (const vm of dcs) detectRollback(lab, vm, dcs);
  for (const dest of dcs) {
    if (dest.power !== 'poweredOn') continue;
    for (const src of dcs) if (src !== dest) pull(lab, dest, src);
  }
}

/** `dest` asks `src` for what it has not seen: src's own changes and what src holds of others. */
function pull(lab: LabContext, dest: Vm, src: Vm): void {
  const dd = dest.guest.directory!;
  const sd = src.guest.directory!;
  const result = src.power !== 'poweredOn' ? REPL_RESULT.rpcUnavailable
    : dd.dsaNotWritable ? REPL_RESULT.destinationRejecting
      : sd.dsaNotWritable ? REPL_RESULT.sourceRejecting : REPL_RESULT.success;
  dd.inbound.set(src.id, { time: lab.now, result });
  if (result !== REPL_RESULT.success) return;
  raise(dd, sd.invocationId, sd.usn);
  for (const [inv, usn] of sd.upToDate) raise(dd, inv, usn);
}

function raise(d: DirectoryState, invocationId: string, usn: number): void {
  if (invocationId === d.invocationId) return;   // a DC's own current changes are its USN, not its vector
  if ((d.upToDate.get(invocationId) ?? 0) < usn) d.upToDate.set(invocationId, usn);
}

/**
 * A running DC whose partner's vector holds a higher USN for the DC's own invocation ID than the DC
 * has committed: the partner has "already acknowledged" USNs the DC will now issue again, so the
 * partner would silently ignore its changes. Windows detects it, logs NTDS Replication event 2095,
 * pauses Netlogon and sets "Dsa Not Writable" (Microsoft KB 875495).
 */
function detectRollback(lab: LabContext, vm: Vm, dcs: Vm[]): void {
  const d = vm.guest.directory!;
  if (vm.power !== 'poweredOn' || d.usnRollback) return;
  for (const partner of dcs) {
    if (partner === vm || partner.power !== 'poweredOn') continue;
    const seen = partner.guest.directory!.upToDate.get(d.invocationId) ?? 0;
    if (seen <= d.usn) continue;
    d.usnRollback = true;
    d.dsaNotWritable = true;
    d.netlogonPaused = true;
    guestEvent(lab, vm, 'Directory Service', 'Error', 'NTDS Replication', 2095,
      `During an Active Directory Domain Services replication request, the local domain controller (DC) identified a remote DC which has received replication data from the local DC using already-acknowledged USN tracking numbers.\n\nRemote DC: ${partner.name}\nInvocation ID: ${d.invocationId}\nHighest USN the remote DC holds of it: ${seen}\nHighest USN this DC has committed: ${d.usn}\n\nThe directory database was restored or reverted without a supported method. Inbound and outbound replication are disabled and Netlogon is paused ("Dsa Not Writable").`);
    guestEvent(lab, vm, 'System', 'Information', 'Service Control Manager', 7036, 'The Netlogon service entered the paused state.');
    lab.log(vm, 'guest', 'directory.usnRollback',
      `${vm.name} is in USN rollback: ${partner.name} already holds its changes up to USN ${seen}, but its database is back at USN ${d.usn}. Windows paused Netlogon and stopped ${vm.name} replicating (NTDS event 2095).`);
    return;
  }
}
