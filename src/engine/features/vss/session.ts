// One VSS backup session as a time-stepped state machine (vss.md rules 3-9): the requestor's calls,
// each writer's answers in simulated time, flush and hold, the provider's commit, thaw, BackupComplete
// and the shadow copies' release. VMware Tools (quiesce.ts) and an in-guest backup application
// (backup.ts) both drive it; they differ in provider, backup type and what they do between
// PostSnapshot and BackupComplete. Every step it waits for is scheduled as data (this session, a
// method and its arguments), and its spec is the requestor's own object, so a lab with a session in
// flight can be copied.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Timer } from '../../core/scheduler';
import type { EventDetail, EventKind } from '../../core/events';
import type { WriterState } from '../../model/guest/guestState';
import { releaseHeld } from '../guest/write';
import { guestEvent } from '../guest/eventLog';
import { findService, startService } from '../guest/services';
import { activeWriters } from './guestModel';
import { writerInfo, freezeWindowMs, FREEZE_ORDER } from './writers';
import { VSS_WRITER_STATE, writerStateFailed, type VssWriterState } from '../../core/vssWriterState';
import { NEXT_STATE, FAIL_STATE, HANDLER, ABORTS, type Phase } from './phases';
import { writerOutcome, hrDescription, hex } from './writerFaults';
import { VSS_E, writerErrorText, writerStateText } from './writerText';
import { HOLD_LIMIT_MS, FLUSH_LIMIT_MS } from '../../core/vssLimits';
import { flushMs, commitMs, dirtyBytes, vssStepMs, type ProviderKind } from './timing';
import { BT_WORD, VSS_BT, exchangeBackupComplete, sqlBackupComplete, type BackupType } from './backupTypes';
import { createShadows, deleteShadows, providerName } from './shadows';

export interface SessionSpec {
  requestor: string;
  provider: ProviderKind;
  backupType: BackupType;
  /** false: file-share context, no writer is engaged (rule 18) */
  application: boolean;
  onPhase(phase: Phase, expectedMs: number): void;
  /** The provider's commit finished while writes are held (the VMware snapshot is taken here). */
  onCommitted(): void;
  /**
   * Between PostSnapshot and BackupComplete: post-thaw scripts, or the backup application's copy. The
   * requestor goes on with the session's `resume()` (BackupComplete) or ends the set with its
   * `abandon(reason)`, at once or later as data (`scheduler.callOn(ms, session, 'resume')`), so a lab
   * whose requestor holds the session open can be copied.
   */
  afterPostSnapshot(session: VssSession): void;
  onEnd(result: SessionResult): void;
}

/**
 * How a failed set ends. abortedByFault: a writer, the hold or the requestor's time limit failed it in
 * the freeze-to-thaw window, so VSS sends OnAbort and the other writers show Failed (rule 7);
 * failedByFault: a writer failed outside that window, no OnAbort, the others still show Failed;
 * endedByRequestor: the requestor ended the session (a script failed, the guest went away) and the
 * writers return to Stable.
 */
export type SetEnd = 'abortedByFault' | 'failedByFault' | 'endedByRequestor';

export interface SessionFailure { phase: Phase; hr: number; reason: string; holdTimeout: boolean; culprits: string[] }
export type SessionResult = { ok: true; holdMs: number | null } | { ok: false; failure: SessionFailure; holdMs: number | null };

const MB = 1024 * 1024;

export class VssSession {
  phase: Phase = 'identify';
  ended = false;
  writers: WriterState[] = [];
  holdMs: number | null = null;
  readonly setId: string;
  private timers: Timer[] = [];
  private windows = new Map<WriterState, Timer>();
  private pending = new Set<WriterState>();
  private exchangeLogsAtCommit = 0;
  private answers = new Map<Phase, number>();
  /** The writer event in flight: answers still to come, writers that failed it, the freeze level. */
  private open = 0;
  private failed: WriterState[] = [];
  private freezeAt = 0;

  constructor(private readonly lab: LabContext, private readonly vm: Vm, readonly spec: SessionSpec, setId: string) {
    this.setId = setId;
  }

  start(): void {
    const { lab, vm } = this;
    vm.guest.session = this;
    // A Manual VSS service starts on demand (rule 2); Disabled never gets here (mechanism.ts).
    const vss = findService(vm, 'VSS');
    const starting = vss !== undefined && !vss.running;
    if (vss) startService(lab, vm, vss);
    const wait = starting ? Math.round(lab.rng.between(800, 1600)) : 0;
    this.timers.push(lab.scheduler.callOn(wait, this, 'begin'));
  }

  // The steps below are called by the scheduler (a method name is what it keeps, so they are public);
  // each does nothing once the session has ended.

  /** The VSS service is up: gather the writers (application context) or go straight to the set. */
  begin(): void {
    if (this.ended) return;
    if (!this.spec.application) { this.prepareSnapshotSet(); return; }
    this.writers = activeWriters(this.vm);
    this.reportStaleWriters();
    this.runWriters('identify', this.writers, `GatherWriterMetadata: OnIdentify sent to ${this.writers.length} writers`);
  }

  /** Every writer answered `phase` without error: the next call of the session. */
  phaseDone(phase: Phase): void {
    if (this.ended) return;
    switch (phase) {
      case 'identify':
        this.runWriters('prepareBackup', this.writers,
          `SetBackupState(VSS_BT_${BT_WORD[this.spec.backupType]} = ${VSS_BT[this.spec.backupType]}), StartSnapshotSet, AddToSnapshotSet (${this.volumes()}), PrepareForBackup`);
        return;
      case 'prepareBackup': this.prepareSnapshotSet(); return;
      case 'prepareSnapshot': this.freezeLevel(0); return;
      case 'freeze': this.freezeLevel(this.freezeAt + 1); return;
      case 'thaw': this.runWriters('postSnapshot', this.writers, `OnPostSnapshot sent to ${this.writers.length} writers`); return;
      case 'postSnapshot': this.afterPostSnapshot(); return;
      case 'backupComplete':
        for (const note of [exchangeBackupComplete(this.lab, this.vm, this.spec.backupType, this.exchangeLogsAtCommit), sqlBackupComplete(this.lab, this.vm, this.spec.backupType)]) {
          if (note) this.event(note.startsWith('Exchange') ? 'Microsoft Exchange Writer' : 'SqlServerWriter', 'vss.backupComplete', note);
        }
        this.shutdown();
        return;
      default: throw new Error(`A VSS session has no step after ${phase}.`);
    }
  }

  /** VSS 12289 (rule 23): a writer still shows the failure of an earlier session when a new one starts. */
  private reportStaleWriters(): void {
    for (const w of this.writers) {
      if (!writerStateFailed(w.state)) continue;
      guestEvent(this.lab, this.vm, 'Application', 'Error', 'VSS', 12289,
        `Volume Shadow Copy Service error: Writer '${w.name}' (instance ${w.instanceId}) still reports the session that failed earlier: State [${w.state}] Failed, Last error: ${writerErrorText(w.lastError)}. The new session replaces that state if it gets past OnPrepareSnapshot.`);
    }
  }

  /** The requestor gives up (Tools' limit) or the guest goes away: the set fails whole. */
  cancel(why: 'timeout' | 'power', reason: string): void {
    if (this.ended) return;
    if (why === 'power') { this.finish({ phase: this.phase, hr: 0, reason, holdTimeout: false, culprits: [] }, 'endedByRequestor'); return; }
    const hung = [...this.pending];
    for (const w of hung) this.markCulprit(w, FAIL_STATE[this.phase], VSS_E.TIMEOUT, `${HANDLER[this.phase]} did not answer before the requestor's time limit`);
    this.finish({ phase: this.phase, hr: VSS_E.TIMEOUT, reason, holdTimeout: false, culprits: hung.map((w) => w.name) }, 'abortedByFault');
  }

  private prepareSnapshotSet(): void {
    if (this.spec.application) {
      this.runWriters('prepareSnapshot', this.writers, `DoSnapshotSet: OnPrepareSnapshot sent to ${this.writers.length} writers`);
      return;
    }
    this.phase = 'prepareSnapshot';
    this.event('VSS', 'vss.prepareSnapshot', `StartSnapshotSet in file-share backup context (${this.volumes()}): no writers are engaged.`);
    this.timers.push(this.lab.scheduler.callOn(vssStepMs(this.lab), this, 'flushAndHold'));
  }

  /** Freeze goes to front-end writers, then back-end, then system (rule 3). */
  private freezeLevel(i: number): void {
    if (i >= FREEZE_ORDER.length) { this.flushAndHold(); return; }
    const level = FREEZE_ORDER[i];
    const group = this.writers.filter((w) => (writerInfo(w.name)?.level ?? 'system') === level);
    if (!group.length) { this.freezeLevel(i + 1); return; }
    for (const w of group) this.armWindow(w);
    this.freezeAt = i;
    this.runWriters('freeze', group, `OnFreeze sent to the ${level} writers: ${group.map((w) => w.name).join(', ')}`);
  }

  /** Rule 9: a writer that is not thawed within its window aborts itself: [9] Failed, Timed out. */
  private armWindow(w: WriterState): void {
    const limit = freezeWindowMs(w.name);
    const t = this.lab.scheduler.callOn(limit, this, 'windowExpired', w, limit);
    this.windows.set(w, t);
    this.timers.push(t);
  }

  /** A writer's freeze-to-thaw window (`limit` ms) ran out before it was thawed. */
  windowExpired(w: WriterState, limit: number): void {
    if (this.ended) return;
    this.pending.delete(w);
    this.markCulprit(w, 9, VSS_E.TIMEOUT, `${limit / 1000} s passed between Freeze and Thaw; the writer aborts itself`, 'freeze');
    this.finish({ phase: this.phase, hr: VSS_E.TIMEOUT, reason: `${w.name} timed out: its ${limit / 1000} s freeze-to-thaw window expired (0x800423F2)`, holdTimeout: false, culprits: [w.name] }, 'abortedByFault');
  }

  /** PreCommitSnapshots: flush the dirty data and hold writes (a step: file-share context gets here scheduled). */
  flushAndHold(): void {
    if (this.ended) return;
    const { lab, vm } = this;
    this.phase = 'commit';
    const dirty = dirtyBytes(lab, vm);
    const flush = flushMs(lab, vm);
    vm.ioHeld = true;
    this.event('VSS', 'vss.flushAndHold', `PreCommitSnapshots done; flushing ${(dirty / MB).toFixed(1)} MB of dirty data and holding writes on ${this.volumes()} (at most ${HOLD_LIMIT_MS / 1000} s).`);
    this.spec.onPhase('commit', flush + 1000);
    if (flush > FLUSH_LIMIT_MS) {
      this.timers.push(lab.scheduler.callOn(FLUSH_LIMIT_MS, this, 'flushTimedOut', dirty));
      return;
    }
    this.timers.push(lab.scheduler.callOn(flush, this, 'flushed'));
  }

  /** The flush of `dirty` bytes did not finish in time (rule 8). */
  flushTimedOut(dirty: number): void {
    if (this.ended) return;
    this.holdFailed(VSS_E.FLUSH_WRITES_TIMEOUT, `the flush of ${(dirty / MB).toFixed(1)} MB did not finish within ${FLUSH_LIMIT_MS / 1000} s`);
  }

  /** The flush is done, writes are held: the provider commits. */
  flushed(): void {
    if (this.ended) return;
    const { lab, vm } = this;
    const commit = commitMs(lab, vm, this.spec.provider);
    const provider = providerName(this.spec.provider);
    this.event('provider', 'vss.commit', `CommitSnapshots: ${provider} ${this.spec.provider === 'vmware' ? 'asks the host for a snapshot of every disk' : 'creates copy-on-write shadow copies'} while writes are held.`);
    this.spec.onPhase('commit', Math.min(commit, HOLD_LIMIT_MS));
    if (commit > HOLD_LIMIT_MS) {
      this.timers.push(lab.scheduler.callOn(HOLD_LIMIT_MS, this, 'holdTimedOut', commit));
      return;
    }
    this.timers.push(lab.scheduler.callOn(commit, this, 'committed', commit));
  }

  /** The provider's commit (`commit` ms) outlasted the hold limit (rule 8). */
  holdTimedOut(commit: number): void {
    if (this.ended) return;
    this.holdFailed(VSS_E.HOLD_WRITES_TIMEOUT, `the provider's commit needed ${(commit / 1000).toFixed(1)} s, more than the ${HOLD_LIMIT_MS / 1000} s writes may be held`);
  }

  /** The provider committed after `commit` ms: shadow copies exist, writes go on, the writers thaw. */
  committed(commit: number): void {
    if (this.ended) return;
    const { lab, vm } = this;
    this.holdMs = commit;
    this.exchangeLogsAtCommit = vm.guest.exchange?.logBytes ?? 0;
    createShadows(lab, vm, this);
    this.spec.onCommitted();
    this.releaseWrites();
    this.event('VSS', 'vss.releaseWrites', `Writes released after ${(commit / 1000).toFixed(2)} s held; PostCommitSnapshots.`);
    if (this.ended) return;
    if (!this.spec.application) { this.timers.push(lab.scheduler.callOn(vssStepMs(lab), this, 'afterPostSnapshot')); return; }
    this.runWriters('thaw', this.writers, `OnThaw sent to ${this.writers.length} writers`);
  }

  /** Rule 8: the kernel releases the writes and the set fails (VSS 12298, VolSnap 8). */
  private holdFailed(hr: number, why: string): void {
    const { lab, vm } = this;
    this.holdMs = HOLD_LIMIT_MS;
    for (const v of vm.guest.volumes) {
      guestEvent(lab, vm, 'Application', 'Error', 'VSS', 12298, `Volume Shadow Copy Service error: The I/O writes cannot be held during the shadow copy creation period on volume ${v.letter}\\. The volume index in the shadow copy set is ${vm.guest.volumes.indexOf(v)}. Error details: Open[0], Flush[0], Release[0], OnRun[${hex(hr)}].`);
      guestEvent(lab, vm, 'System', 'Error', 'VolSnap', 8, `The flush and hold writes operation on volume ${v.letter} timed out while waiting for a release writes command.`);
    }
    this.finish({ phase: 'commit', hr, reason: `${hr === VSS_E.FLUSH_WRITES_TIMEOUT ? 'VSS_E_FLUSH_WRITES_TIMEOUT' : 'VSS_E_HOLD_WRITES_TIMEOUT'} (${hex(hr)}): ${why}`, holdTimeout: true, culprits: [] }, 'abortedByFault');
  }

  /** PostSnapshot is done: the requestor uses the shadow copies, then resumes or abandons the set. */
  afterPostSnapshot(): void {
    if (this.ended) return;
    this.phase = 'useShadow';
    this.spec.afterPostSnapshot(this);
  }

  /** The requestor is done with the shadow copies: BackupComplete (application context), then shutdown. */
  resume(): void {
    if (this.ended) return;
    if (!this.spec.application) { this.shutdown(); return; }
    this.runWriters('backupComplete', this.writers, `BackupComplete (backup type ${BT_WORD[this.spec.backupType]}): OnBackupComplete sent to ${this.writers.length} writers`);
  }

  /** The requestor ends the set after PostSnapshot without BackupComplete (a thaw script failed, say). */
  abandon(reason: string): void {
    this.finish({ phase: 'useShadow', hr: 0, reason, holdTimeout: false, culprits: [] }, 'endedByRequestor');
  }

  /** Releasing the requestor: OnBackupShutdown deletes the non-persistent shadow copies. */
  private shutdown(): void {
    this.timers.push(this.lab.scheduler.callOn(vssStepMs(this.lab), this, 'shadowsReleased'));
  }

  /** OnBackupShutdown is done: the shadow copies are gone and the session ends well. */
  shadowsReleased(): void {
    if (this.ended) return;
    const n = deleteShadows(this.vm, this);
    this.event('VSS', 'vss.shadowDiscarded', this.spec.provider === 'vmware'
      ? `The shadow copy (${n} volumes) is discarded: the VMware snapshot already holds the data.`
      : `The backup application released its ${n} shadow copies (OnBackupShutdown deletes them).`);
    this.end({ ok: true, holdMs: this.holdMs });
  }

  /** Send one event to a group of writers; phaseDone(phase) runs when all answered without error. */
  private runWriters(phase: Phase, group: WriterState[], what: string): void {
    const { lab, vm } = this;
    this.phase = phase;
    this.event('VSS', `vss.${phase}`, `${what}.`);
    let expected = vssStepMs(lab);
    this.open = 0;
    this.failed = [];
    this.pending = new Set();
    for (const w of group) {
      const o = writerOutcome(lab, vm, w, phase);
      this.pending.add(w);
      if (o.kind === 'hang') continue;
      this.open++;
      expected = Math.max(expected, o.ms);
      this.timers.push(lab.scheduler.callOn(o.ms, this, 'writerAnswered', phase, w, o.kind === 'error' ? o.hr : null));
    }
    this.spec.onPhase(phase, expected);
    if (!group.length) this.timers.push(lab.scheduler.callOn(expected, this, 'phaseDone', phase));
  }

  /** A writer answered `phase`: with an error (`hr`), or done (null). */
  writerAnswered(phase: Phase, w: WriterState, hr: number | null): void {
    if (this.ended) return;
    this.open--;
    this.pending.delete(w);
    if (hr !== null) {
      this.markCulprit(w, FAIL_STATE[phase], hr, `${HANDLER[phase]} failed`);
      this.failed.push(w);
    } else this.answered(w, phase);
    if (this.open > 0) return;
    const failed = this.failed;
    if (failed.length) {
      const first = failed[0];
      this.finish({ phase, hr: first.lastError, reason: `${failed.map((f) => f.name).join(', ')} failed ${HANDLER[phase]}: ${writerErrorText(first.lastError)} (${hex(first.lastError)})`, holdTimeout: false, culprits: failed.map((f) => f.name) }, ABORTS[phase] ? 'abortedByFault' : 'failedByFault');
    } else if (this.pending.size === 0) this.phaseDone(phase);
    // Otherwise a hung writer holds the phase until a timeout decides (rule 9 or the requestor's).
  }

  /** How many writers answered `phase` without error in this session. */
  answeredIn(phase: Phase): number {
    return this.answers.get(phase) ?? 0;
  }

  private answered(w: WriterState, phase: Phase): void {
    this.answers.set(phase, (this.answers.get(phase) ?? 0) + 1);
    const next = NEXT_STATE[phase];
    if (next !== null) { w.state = next; w.lastError = 0; }
    if (phase === 'thaw') this.windows.get(w)?.cancel();
    this.event(w.name, `vss.${phase}`, `${HANDLER[phase]} done; the writer is ${writerStateText(w.state)}.`);
    appEvents(this.lab, this.vm, w, phase);
  }

  private markCulprit(w: WriterState, state: VssWriterState, hr: number, what: string, eventPhase: Phase = this.phase): void {
    w.state = state;
    w.lastError = hr;
    this.event(w.name, `vss.${this.phase}`, `${what}: State [${state}] Failed, Last error: ${writerErrorText(hr)} (${hex(hr)}).`, { severity: 'error', hresult: hr });
    const op = HANDLER[eventPhase].replace(/^On/, '');
    guestEvent(this.lab, this.vm, 'Application', 'Warning', 'VSS', 8229,
      `A VSS writer has rejected an event with error ${hex(hr)}, ${hrDescription(hr)} Changes that the writer made to the writer components while handling the event will not be available to the requester. Check the event log for related events from the application hosting the VSS writer.\n\nOperation:\n   ${op} event\n\nContext:\n   Execution Context: Writer\n   Writer Class Id: ${w.id}\n   Writer Name: ${w.name}\n   Writer Instance ID: ${w.instanceId}`);
  }

  /**
   * The set fails whole (rule 7). Writer and provider failures leave every other engaged writer
   * Failed for the phase the set was in, with "No error"; a requestor-side failure (a script, the
   * guest going away) aborts the session cleanly and writers return to Stable.
   */
  private finish(f: SessionFailure, how: SetEnd): void {
    if (this.ended) return;
    const { vm } = this;
    for (const w of this.writers) {
      if (f.culprits.includes(w.name)) continue;
      if (how !== 'endedByRequestor') { w.state = FAIL_STATE[f.phase]; w.lastError = 0; } else if (vm.power === 'poweredOn') { w.state = VSS_WRITER_STATE.STABLE; w.lastError = 0; }
    }
    if (how === 'abortedByFault') {
      this.event('VSS', 'vss.abort', `AbortBackup: OnAbort sent to ${this.writers.length} writers; the shadow copy set fails whole and no shadow copy is kept.`, f.hr ? { hresult: f.hr } : {});
    }
    deleteShadows(vm, this);
    this.end({ ok: false, failure: f, holdMs: this.holdMs });
  }

  private end(r: SessionResult): void {
    this.ended = true;
    for (const t of this.timers) t.cancel();
    this.releaseWrites();
    if (this.vm.guest.session === this) this.vm.guest.session = null;
    this.spec.onEnd(r);
  }

  private releaseWrites(): void {
    if (!this.vm.ioHeld) return;
    this.vm.ioHeld = false;
    releaseHeld(this.lab, this.vm);
  }

  /** Log an event of this session: it names the phase the session is in. */
  private event(source: string, kind: EventKind, message: string, detail: EventDetail = {}): void {
    this.lab.log(this.vm, source, kind, message, { phase: this.phase, requestor: this.spec.requestor, backupType: this.spec.backupType, ...detail });
  }

  volumes(): string {
    return this.vm.guest.volumes.map((v) => v.letter).join(', ');
  }
}

/** What the applications write to the event log as their writer freezes and thaws (ESE, SQL Server). */
function appEvents(lab: LabContext, vm: Vm, w: WriterState, phase: Phase): void {
  if (w.name === 'Microsoft Exchange Writer') {
    if (phase === 'freeze') guestEvent(lab, vm, 'Application', 'Information', 'ESE', 2001, 'Information Store (2436) First Storage Group: Shadow copy instance 1 freeze started.');
    if (phase === 'thaw') guestEvent(lab, vm, 'Application', 'Information', 'ESE', 2003, 'Information Store (2436) First Storage Group: Shadow copy instance 1 freeze ended.');
  }
  if (w.name === 'SqlServerWriter') {
    if (phase === 'freeze') guestEvent(lab, vm, 'Application', 'Information', 'MSSQLSERVER', 3197, 'I/O is frozen on database master. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.');
    if (phase === 'thaw') guestEvent(lab, vm, 'Application', 'Information', 'MSSQLSERVER', 3198, 'I/O was resumed on database master. No user action is required.');
  }
}
