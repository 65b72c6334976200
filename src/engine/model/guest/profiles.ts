// Guest workload profiles: how much a guest writes and where. Random writes favour a hot region
// (most application writes hit a small part of the disk); log writers append sequentially.
export interface Profile {
  writeIOPS: number;      // default rate
  writeBytes: number;     // size of a data write
  hotShare: number;       // share of random writes that land in the hot region
  hotSpan: number;        // the hot region as a share of the data area
  dataSpan: number;       // the written area as a share of the disk (file system in use)
  logShare: number;       // share of writes that are sequential log appends
  logBytes: number;       // size of a log append
}

export const PROFILES: Record<string, Profile> = {
  none: { writeIOPS: 0, writeBytes: 4096, hotShare: 0, hotSpan: 0, dataSpan: 0, logShare: 0, logBytes: 0 },
  // Registry, event logs, pagefile touches.
  idle: { writeIOPS: 4, writeBytes: 4096, hotShare: 0.9, hotSpan: 0.01, dataSpan: 0.3, logShare: 0, logBytes: 0 },
  // New and changed user files: larger writes, mostly new areas.
  fileserver: { writeIOPS: 60, writeBytes: 65536, hotShare: 0.3, hotSpan: 0.05, dataSpan: 0.8, logShare: 0.4, logBytes: 65536 },
  // Exchange 2007: 8 KB database pages with a hot set; transaction logs appended in 1 MB files.
  exchange: { writeIOPS: 150, writeBytes: 8192, hotShare: 0.8, hotSpan: 0.1, dataSpan: 0.7, logShare: 0.35, logBytes: 4096 },
  // SQL Server: 8 KB pages, 64 KB extents at checkpoints; the log appends.
  sql: { writeIOPS: 200, writeBytes: 8192, hotShare: 0.7, hotSpan: 0.2, dataSpan: 0.6, logShare: 0.25, logBytes: 8192 },
  // A domain controller: NTDS.dit pages, DHCP/WINS databases; little traffic.
  dc: { writeIOPS: 12, writeBytes: 8192, hotShare: 0.85, hotSpan: 0.02, dataSpan: 0.2, logShare: 0.2, logBytes: 4096 },
};
