// The event log: vCenter, the host, VMware Tools, VSS, writers and the guest, in simulated time order.
// Every event has a kind from EVENT_KINDS and a severity; events of a VSS session name its phase,
// and events about an HRESULT carry it, so the timeline and lesson checks never parse message text.
import type { EventView } from './view';

export const MAX_EVENTS = 5000;

/** The phases of a VSS snapshot set, as events name them (vss.<phase>, EventView.phase). */
export const VSS_PHASES = ['identify', 'prepareBackup', 'prepareSnapshot', 'freeze', 'commit', 'thaw', 'postSnapshot', 'useShadow', 'backupComplete'] as const;
export type VssPhase = (typeof VSS_PHASES)[number];

/** Every kind of lab event (docs/api.md, "The state view" names the quiesce ones; the rest are extensions). */
export const EVENT_KINDS = [
  // vCenter and the host: tasks, VMs, snapshots, disks, datastores
  'task.failed',
  'vm.powerOn', 'vm.powerOff', 'vm.suspend', 'vm.reset', 'vm.reconfigured', 'vm.question', 'vm.answered',
  'vm.snapshotCreated', 'vm.snapshotDiscarded', 'vm.checkpointStart', 'vm.checkpointDone',
  'snapshot.removed', 'snapshot.reverted', 'snapshot.advice',
  'disk.deltaDeleted', 'disk.mergeStart', 'disk.merged', 'disk.mergeFailed', 'disk.consolidated',
  'disk.consolidateHelper', 'disk.mergeIteration', 'disk.helperMerged', 'disk.mirrorMerge',
  'datastore.resized', 'host.upgraded',
  // the guest and the lab itself
  'guest.exec', 'guest.unmap', 'guest.workload', 'service.started', 'service.stopped',
  'fault.injected', 'fault.cleared',
  // quiescing: VMware Tools, scripts, the sync driver, the provider and VSS
  'quiesce.start', 'quiesce.ignored', 'quiesce.nullProvider', 'quiesce.done', 'quiesce.failed',
  'script.freeze', 'script.thaw', 'script.freezeFail', 'syncDriver.freeze', 'syncDriver.thaw',
  'provider.registered', 'provider.unregistered',
  'vss.identify', 'vss.prepareBackup', 'vss.prepareSnapshot', 'vss.freeze', 'vss.commit', 'vss.thaw',
  'vss.postSnapshot', 'vss.useShadow', 'vss.backupComplete',
  'vss.flushAndHold', 'vss.releaseWrites', 'vss.abort', 'vss.shadowDiscarded',
  'vss.backupCopy', 'vss.backupDone', 'vss.backupFailed',
  // backup jobs (VADP)
  'backup.jobChanged', 'backup.proxyChanged', 'backup.skipped', 'backup.leftover', 'backup.runStart', 'backup.runEnd',
  'backup.hotAdd', 'backup.hotRemove', 'backup.transferStart', 'backup.transferDone', 'backup.crashed',
  'backup.proxyLock', 'backup.truncateLogs', 'backup.cbtEnabled', 'backup.hunt', 'backup.waiting', 'exchange.dismounted', 'backup.vmDone', 'backup.vmWarning', 'backup.vmFailed',
  // Active Directory domain controllers after their disks went back in time
  'directory.usnRollback', 'directory.invocationReset',
  // Exchange's database after a restore, and the restores themselves
  'exchange.mounted', 'exchange.mountFailed', 'exchange.recovered', 'exchange.repaired',
  'restore.start', 'restore.done', 'restore.instantStart', 'restore.migrated',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Who an event comes from, as the Events list, its Source filter and the VSS timeline's lanes name it:
 * the engine's features log under the key, the state view carries the name (vSphere's words, each
 * capitalised as vSphere writes it). A VSS writer logs under its own name ("Microsoft Exchange Writer").
 */
export const EVENT_SOURCES = {
  vCenter: 'vCenter',
  host: 'Host',
  'VMware Tools': 'VMware Tools',
  VSS: 'VSS',
  provider: 'VSS provider',
  scripts: 'Scripts',
  guest: 'Guest OS',
  backup: 'Backup job',
  lab: 'SnapLab',
  SnapLab: 'SnapLab',
} as const;
export type EventSourceKey = keyof typeof EVENT_SOURCES;

/** The name an event's source shows under: a known source's name, else (a writer) its own name. */
export function eventSourceName(source: string): string {
  return Object.hasOwn(EVENT_SOURCES, source) ? EVENT_SOURCES[source as EventSourceKey] : source;
}

export type Severity = 'info' | 'warning' | 'error';

/** What an event adds beyond its kind and message; a kind's usual severity applies unless given. */
/** requestor and backupType: a VSS session's events name who asked and for what (backup rule 13). */
export interface EventDetail { severity?: Severity; phase?: VssPhase; hresult?: number; requestor?: string; backupType?: string }

// Kinds that always report a failure or a warning; any other kind is 'info' unless its event says so
// (a writer's vss.<phase> event, say, is an error when the writer failed the phase).
const KIND_SEVERITY: Partial<Record<EventKind, Severity>> = {
  'task.failed': 'error', 'disk.mergeFailed': 'error', 'quiesce.failed': 'error', 'script.freezeFail': 'error',
  'vss.abort': 'error', 'vss.backupFailed': 'error', 'backup.crashed': 'error', 'backup.vmFailed': 'error',
  'vm.question': 'warning', 'exchange.dismounted': 'error', 'vm.snapshotDiscarded': 'warning', 'quiesce.ignored': 'warning', 'snapshot.advice': 'warning',
  'backup.skipped': 'warning', 'backup.leftover': 'warning', 'backup.proxyLock': 'warning', 'backup.vmWarning': 'warning',
  'directory.usnRollback': 'error', 'exchange.mountFailed': 'error', 'exchange.repaired': 'warning',
};

export function severityOf(kind: EventKind, detail?: EventDetail): Severity {
  return detail?.severity ?? KIND_SEVERITY[kind] ?? 'info';
}

export class EventLog {
  readonly list: EventView[] = [];
  dropped = 0;
  /** The newest event's seq (0 before the first). */
  lastSeq = 0;

  /** The seq the next event gets. */
  nextSeq(): number {
    return this.lastSeq + 1;
  }

  add(e: EventView): void {
    this.lastSeq = e.seq;
    this.list.push(e);
    // Keep the log bounded in a long-running lab; the oldest go first.
    if (this.list.length > MAX_EVENTS) {
      const cut = this.list.length - MAX_EVENTS;
      this.list.splice(0, cut);
      this.dropped += cut;
    }
  }

  /** The events logged after the one numbered `seq` that the log still holds, oldest first. */
  after(seq: number): EventView[] {
    const list = this.list;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].seq <= seq) lo = mid + 1; else hi = mid;
    }
    return list.slice(lo);
  }
}
