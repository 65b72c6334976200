// An Active Directory domain controller's replication state, as its database (ntds.dit) and registry
// keep it on the guest's disks. All of it lives on disk: a snapshot captures it and a revert or a
// restore brings it back, which is exactly how a USN rollback happens (docs/rules/restores.md).
import { stableGuid } from '../../core/ids';

export interface DirectoryState {
  /** The database instance the DC counts its changes in; a new one after a supported restore. */
  invocationId: string;
  /** The highest update sequence number (USN) the DC has committed. */
  usn: number;
  /** When the DC last counted its own changes into `usn` (simulated ms). */
  countedTo: number;
  /**
   * The up-to-dateness vector: for each invocation ID (its own old ones included), the highest USN of
   * it this DC has received. Partners compare it with a DC's own USN to find a rollback.
   */
  upToDate: Map<string, number>;
  /** msDS-GenerationId: the VM-Generation ID the DC saw when it last started (null: none seen). */
  generationId: number | null;
  /** Set once the DC found itself rolled back (NTDS event 2095). */
  usnRollback: boolean;
  /** HKLM\System\CurrentControlSet\Services\NTDS\Parameters "Dsa Not Writable" = 4: replication off. */
  dsaNotWritable: boolean;
  netlogonPaused: boolean;
  invocationIdResets: number;
  /** Restored through the NTDS writer: at its next start the DC takes a new invocation ID. */
  restoredThroughWriter?: boolean;
  /** Each partner's last inbound replication attempt (by VM id): time and Win32 result (0: success). */
  inbound: Map<string, { time: number; result: number }>;
}

/** A DC promoted with the lab: a fresh database with a few thousand changes behind it. */
export function newDirectory(seed: number, vmId: string): DirectoryState {
  return {
    invocationId: stableGuid(seed, vmId, 'invocation', 0).slice(1, -1),
    usn: 12000,
    countedTo: 0,
    upToDate: new Map(),
    generationId: null,
    usnRollback: false,
    dsaNotWritable: false,
    netlogonPaused: false,
    invocationIdResets: 0,
    inbound: new Map(),
  };
}

/** A copy that shares nothing with the original (a snapshot keeps one, a revert takes one back). */
export function copyDirectory(d: DirectoryState): DirectoryState {
  return {
    ...d,
    upToDate: new Map(d.upToDate),
    inbound: new Map([...d.inbound].map(([k, v]) => [k, { ...v }])),
  };
}
