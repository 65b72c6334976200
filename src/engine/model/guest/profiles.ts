// Guest workload profiles as a working-set model (docs/workloads.md): a hot set the application
// rewrites all day (it fills a new delta within hours, then costs no more space), a cold set that
// takes a few writes spread over a large area (the delta keeps growing slowly), and logs that append
// and wrap. Each stream writes on the disk whose role fits (system, data or log) at its own share of
// the VM's write IOPS. Areas are shares of that role's part of the disk (see workloadPlan.ts).
// Default rates are calibrated to published daily change rates as shares of the data backed up, not
// of provisioned disk (backup rule 21, docs/workloads.md); profiles.test.ts checks each against its
// band. Areas lie inside the guest's data; cold areas are kept small because CBT marks whole blocks.
import type { DiskRole } from '../../core/schema';

interface StreamSpecBase {
  role: DiskRole;
  /** Share of the VM's writes (the shares of a profile add up to 1). */
  share: number;
  /** Where the stream's area starts and how long it is, as shares of the role's part of the disk. */
  at: number;
  size: number;
}
/** Writes of slotBytes on uniformly random slot-aligned offsets of the area. */
export interface RandomSpec extends StreamSpecBase { kind: 'random'; slotBytes: number }
/** Sequential appends of `bytes` that wrap to the area's start at its end. */
export interface LogSpec extends StreamSpecBase { kind: 'log'; bytes: number; exchangeLog?: boolean }
export type StreamSpec = RandomSpec | LogSpec;

export interface Profile {
  /** Default write IOPS. */
  writeIOPS: number;
  streams: StreamSpec[];
}

const KB = 1024;

export const PROFILES: Record<string, Profile> = {
  none: { writeIOPS: 0, streams: [] },
  // A quiet server: registry, event logs and the page file's hot spots; a trickle elsewhere.
  idle: {
    writeIOPS: 4,
    streams: [
      { kind: 'random', role: 'system', share: 0.9, at: 0, size: 0.005, slotBytes: 4 * KB },
      { kind: 'random', role: 'system', share: 0.1, at: 0.01, size: 0.004, slotBytes: 4 * KB },
    ],
  },
  // A domain controller: NTDS.dit pages (8 KB), DHCP and WINS databases, their ESE logs.
  dc: {
    writeIOPS: 12,
    streams: [
      { kind: 'random', role: 'system', share: 0.35, at: 0, size: 0.01, slotBytes: 4 * KB },
      { kind: 'random', role: 'data', share: 0.58, at: 0, size: 0.01, slotBytes: 8 * KB },
      { kind: 'random', role: 'data', share: 0.02, at: 0.02, size: 0.02, slotBytes: 8 * KB },
      { kind: 'log', role: 'log', share: 0.05, at: 0, size: 0.5, bytes: 4 * KB },
    ],
  },
  // A file server: new and changed user files (64 KB writes) over the shares; NTFS metadata is hot.
  fileserver: {
    writeIOPS: 60,
    streams: [
      { kind: 'random', role: 'system', share: 0.1, at: 0, size: 0.01, slotBytes: 4 * KB },
      { kind: 'random', role: 'data', share: 0.88, at: 0, size: 0.01, slotBytes: 64 * KB },
      { kind: 'random', role: 'data', share: 0.02, at: 0.03, size: 0.02, slotBytes: 64 * KB },
    ],
  },
  // Exchange 2007: 8 KB database pages with a hot set of busy mailboxes; transaction logs appended
  // in 1 MB files (E00xxxxx.log) after the volume's data until a backup truncates them (no ring).
  exchange: {
    writeIOPS: 150,
    streams: [
      { kind: 'random', role: 'system', share: 0.05, at: 0, size: 0.01, slotBytes: 4 * KB },
      { kind: 'random', role: 'data', share: 0.89, at: 0, size: 0.04, slotBytes: 8 * KB },
      { kind: 'random', role: 'data', share: 0.03, at: 0.05, size: 0.1, slotBytes: 8 * KB },
      { kind: 'log', role: 'log', share: 0.03, at: 0, size: 0.95, bytes: 4 * KB, exchangeLog: true },
    ],
  },
  // SQL Server: 8 KB pages with a hot set; the log file is reused once a log backup has truncated
  // it, so its ring is small.
  sql: {
    writeIOPS: 200,
    streams: [
      { kind: 'random', role: 'system', share: 0.05, at: 0, size: 0.01, slotBytes: 4 * KB },
      { kind: 'random', role: 'data', share: 0.7175, at: 0, size: 0.05, slotBytes: 8 * KB },
      { kind: 'random', role: 'data', share: 0.13, at: 0.06, size: 0.12, slotBytes: 8 * KB },
      // Old rows touched now and then, in 64 KB extents: little change a night, but a snapshot kept
      // for weeks keeps growing.
      { kind: 'random', role: 'data', share: 0.0025, at: 0.2, size: 0.8, slotBytes: 64 * KB },
      { kind: 'log', role: 'log', share: 0.1, at: 0, size: 0.1, bytes: 8 * KB },
    ],
  },
};
