// VMware Tools as the quiescing requestor (vss.md rules 1, 4, 10, 14-20; vmware-snapshots.md 28).
// snapshot.take calls startQuiesce when quiesce applies (rule 27). Tools picks a mechanism, runs the
// freeze scripts, then either drives a VSS session whose provider commit takes the VMware snapshot
// while writes are held, or freezes with the sync driver; then the thaw scripts. Any failure fails
// the task whole: a snapshot already taken is discarded, none is ever marked quiesced. The quiesce is
// the VSS session's spec itself, and everything it waits for is scheduled as data (itself, a method
// and its arguments), so a lab with a quiesce in flight can be copied.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { Timer } from '../../core/scheduler';
import type { EventDetail } from '../../core/events';
import type { Snapshot } from '../../model/snapshot';
import { QUIESCES_KEPT, type QuiesceSummary, type Requestor } from '../../model/guest/guestState';
import { quiesceResultLine } from './resultLine';
import type { Consistency } from '../../core/view';
import { createSnapshot, discardSnapshot } from '../snapshot/create';
import { releaseHeld } from '../guest/write';
import { stun } from '../vm/stun';
import { findService, startService, stopService } from '../guest/services';
import { chooseMechanism, forceQuiesce, type Mechanism } from './mechanism';
import { VssSession, type SessionFailure, type SessionResult, type SessionSpec } from './session';
import { runScript, runFreezeFail } from './scripts';
import { toolsLimitMs, flushMs, commitMs } from './timing';
import { HOLD_LIMIT_MS } from '../../core/vssLimits';
import { BT_WORD, type BackupType } from './backupTypes';
import type { ProviderKind } from './timing';
import { addVssManifest, vssManifestBoundBytes } from './manifest';
import { stableGuid } from '../../core/ids';
import { hex } from './writerFaults';
import { VSS_E } from './writerText';
import { QUIESCE_FAILED, HOLD_TIMEOUT, CANNOT_INITIALIZE } from './messages';
import type { Phase } from './phases';

/** startWithOpts: the request carries a vssBackupType (vmbackup.startWithOpts, 6.5+), for which
 * VMware Tools forces quiescing unless tools.conf says otherwise (backup rule 19). */
export interface QuiesceRequest { name: string; description: string; backupType: string; startWithOpts?: boolean }

const PROGRESS: Record<Phase, [number, number]> = {
  identify: [12, 20], prepareBackup: [20, 28], prepareSnapshot: [28, 34], freeze: [34, 45], commit: [45, 80],
  thaw: [80, 85], postSnapshot: [85, 88], useShadow: [88, 92], backupComplete: [92, 97],
};

export function startQuiesce(lab: LabContext, vm: Vm, task: Task, req: QuiesceRequest): void {
  new ToolsQuiesce(lab, vm, task, req).start();
}

/** VMware Tools quiescing one VM: a requestor in the guest, and the spec of the VSS session it runs. */
class ToolsQuiesce implements Requestor, SessionSpec {
  readonly requestor = 'VMware Tools';
  readonly provider: ProviderKind = 'vmware';
  readonly backupType: BackupType;
  /** Writers are engaged (an application-consistent quiesce), not the file-share context (rule 18). */
  readonly application: boolean;
  private done = false;
  private snap: Snapshot | null = null;
  private froze = false;
  private thawed = false;
  private session: VssSession | null = null;
  private deadline: Timer | null = null;
  private syncHeld = false;
  /** What the post-thaw scripts lead to without a session: success with this consistency. */
  private thawThen: Consistency = 'crash';
  private readonly m: Mechanism;
  private readonly summary: QuiesceSummary;

  constructor(private readonly lab: LabContext, private readonly vm: Vm, private readonly task: Task, private readonly req: QuiesceRequest) {
    this.m = chooseMechanism(vm, req.startWithOpts === true);
    this.backupType = req.backupType as BackupType;
    this.application = this.m.kind === 'vss' && this.m.application;
    this.summary = {
      snapshot: req.name, mechanism: this.m.kind === 'vss' ? (this.m.application ? 'vss' : 'vssFileShare') : this.m.kind,
      consistency: null, result: 'running', reason: this.m.reason, startedAt: lab.now, endedAt: null, holdMs: null,
      holdLimitMs: HOLD_LIMIT_MS, writers: 0, writersFrozen: 0, writersThawed: 0,
      withoutWriters: this.m.kind === 'vss' && this.m.application ? null : this.m.reason,
      failedWriter: null, failedPhase: null, hresult: null, resultLine: 'Quiescing…',
    };
  }

  /** The host switches the disks to new deltas: the space reserved for them is used now; the VSS manifest's stays set aside. */
  private createSnap(consistency: Consistency): void {
    const { lab, vm, task } = this;
    vm.datastore.release(task.id);
    this.snap = createSnapshot(lab, vm, { name: this.req.name, description: this.req.description, memory: false, quiesced: true, consistency });
    if (this.m.kind === 'vss') vm.datastore.reserve(task.id, vssManifestBoundBytes(vm));
  }

  start(): void {
    const { lab, vm, m } = this;
    // The snapshot's files were reserved by the take; VSS adds its manifest when it succeeds.
    if (m.kind === 'vss') vm.datastore.reserve(this.task.id, vssManifestBoundBytes(vm));
    vm.guest.lastQuiesce = this.summary;
    vm.guest.quiesces = [...vm.guest.quiesces.slice(1 - QUIESCES_KEPT), this.summary];
    lab.log(vm, 'VMware Tools', 'quiesce.start', `VMware Tools quiesces ${vm.name} for snapshot "${this.req.name}": ${m.reason}${m.kind === 'vss' ? `, backup type ${BT_WORD[this.backupType]}` : ''}.`);
    this.task.ramp(lab.now, 2, 10, 1500);
    if (m.kind === 'none') {
      const forced = forceQuiesce(vm, this.req.startWithOpts === true);
      lab.scheduler.callOn(100, this, 'fail', m.reason, false, forced ? `${QUIESCE_FAILED} ${CANNOT_INITIALIZE}` : QUIESCE_FAILED);
      return;
    }
    vm.guest.requestors.push(this);
    const limit = toolsLimitMs(vm);
    this.deadline = lab.scheduler.callOn(limit, this, 'timeout', limit);
    if (m.kind === 'vss') this.registerProvider();
    runScript(lab, vm, 'pre-freeze', this, 'preFreezeDone');
  }

  // Called by the scheduler and the scripts (by name, so public); each does nothing once the quiesce is done.

  /** The pre-freeze scripts ended (`ran`: a script existed): freeze with the mechanism chosen. */
  preFreezeDone(ok: boolean, ran: boolean, msg: string): void {
    const { lab, vm, m } = this;
    if (this.done) return;
    if (!ok) { runFreezeFail(lab, vm, false, msg); this.fail(msg, false); return; }
    this.froze = ran;
    if (m.kind === 'vss') this.runVss(); else if (m.kind === 'nullProvider') this.runNullProvider(); else this.runSyncDriver();
  }

  /** A power-off ends the quiesce: the guest that was quiescing is gone. */
  cancel(reason: string): void {
    if (this.session) this.session.cancel('power', reason); else this.fail(reason, false);
  }

  /** VMware Tools' own limit for a quiesce (`limit` ms) ran out. */
  timeout(limit: number): void {
    const why = `VMware Tools gave up after ${Math.round(limit / 60000 * 10) / 10} minutes, its limit for a quiesce`;
    if (this.session && !this.session.ended) this.session.cancel('timeout', why); else this.fail(why, false);
  }

  private runVss(): void {
    const { lab, vm } = this;
    if (vm.guest.session) {
      this.fail(`VSS_E_SNAPSHOT_SET_IN_PROGRESS (${hex(VSS_E.SNAPSHOT_SET_IN_PROGRESS)}): another shadow copy creation is already in progress in the guest`, false, undefined, { hresult: VSS_E.SNAPSHOT_SET_IN_PROGRESS });
      return;
    }
    this.session = new VssSession(lab, vm, this, stableGuid(lab.seed, vm.id, 'set', lab.now, this.task.id));
    this.session.start();
  }

  // The VSS session's spec (session.ts SessionSpec): what the session reports to VMware Tools.

  private get sessionConsistency(): Consistency { return this.application ? 'application' : 'filesystem'; }

  onPhase(phase: Phase, ms: number): void { const [a, b] = PROGRESS[phase]; this.task.ramp(this.lab.now, a, b, ms); }

  onCommitted(): void { this.createSnap(this.sessionConsistency); }

  afterPostSnapshot(): void { this.thawScripts(); }

  onEnd(r: SessionResult): void {
    this.summary.holdMs = r.holdMs;
    const s = this.session!;
    this.summary.writers = s.writers.length;
    this.summary.writersFrozen = s.answeredIn('freeze');
    this.summary.writersThawed = s.answeredIn('thaw');
    if (!r.ok) {
      this.summary.failedWriter = r.failure.culprits[0] ?? null;
      this.summary.failedPhase = r.failure.phase;
      this.summary.hresult = r.failure.hr ? r.failure.hr >>> 0 : null; // unsigned, as 0x800423F4 prints
    }
    if (r.ok) this.succeed(this.sessionConsistency); else this.sessionFailed(r.failure);
  }

  /** The sync driver (LGTO_SYNC, vmsync, FIFREEZE): flush and hold in the kernel, no writers (rule 17). */
  private runSyncDriver(): void {
    const { lab, vm } = this;
    const driver = vm.guestOs === 'linux' ? 'vmsync / FIFREEZE' : 'LGTO_SYNC';
    vm.ioHeld = true;
    this.syncHeld = true;
    const hold = flushMs(lab, vm) + commitMs(lab, vm, 'vmware');
    lab.log(vm, 'VMware Tools', 'syncDriver.freeze', `The ${driver} driver flushes and holds writes on every file system; the host takes the snapshot.`);
    this.task.ramp(lab.now, 20, 80, hold);
    lab.scheduler.callOn(hold, this, 'syncDriverThaw', driver, hold);
  }

  /** The host took the snapshot while the sync driver held writes for `hold` ms: release them. */
  syncDriverThaw(driver: string, hold: number): void {
    const { lab, vm } = this;
    if (this.done) return;
    this.createSnap('filesystem');
    this.releaseSync();
    this.summary.holdMs = hold;
    lab.log(vm, 'VMware Tools', 'syncDriver.thaw', `The ${driver} driver releases writes after ${(hold / 1000).toFixed(2)} s.`);
    this.thawThen = 'filesystem';
    this.thawScripts();
  }

  /**
   * open-vm-tools' null provider (rule 17): the scripts ran, nothing is frozen (Linux only calls
   * sync()), the host takes the snapshot and the task succeeds; the snapshot is crash-consistent,
   * though vSphere lists it as quiesced (inferred: nothing tells the host which provider ran).
   */
  private runNullProvider(): void {
    const { lab, vm } = this;
    lab.log(vm, 'VMware Tools', 'quiesce.nullProvider', `No quiescing driver in ${vm.name}: the null provider ${vm.guestOs === 'linux' ? 'calls sync() and ' : ''}freezes nothing; the host takes the snapshot as it is.`);
    this.task.ramp(lab.now, 20, 80, 300);
    // The host's own short stun for the switch to new deltas (vmware-snapshots.md rule 17).
    const stunMs = Math.round(lab.rng.between(150, 600));
    stun(lab, vm, stunMs);
    lab.scheduler.callOn(stunMs, this, 'nullProviderSnapshot');
  }

  /** The host's stun ended: the snapshot is taken as it is. */
  nullProviderSnapshot(): void {
    if (this.done) return;
    this.createSnap('crash');
    this.thawThen = 'crash';
    this.thawScripts();
  }

  private thawScripts(): void {
    this.task.ramp(this.lab.now, 88, 92, 1500);
    runScript(this.lab, this.vm, 'post-thaw', this, 'postThawDone');
  }

  /** The post-thaw scripts ended: the session goes on to BackupComplete (or the quiesce succeeds), or fails. */
  postThawDone(ok: boolean, _ran: boolean, msg: string): void {
    if (this.done) return;
    this.thawed = true;
    const s = this.session;
    if (s) { if (ok) s.resume(); else s.abandon(msg); return; }
    if (ok) this.succeed(this.thawThen); else this.fail(msg, false);
  }

  private succeed(consistency: Consistency): void {
    const { lab, vm, m } = this;
    if (this.done) return;
    this.end();
    vm.datastore.release(this.task.id);
    if (m.kind === 'vss' && this.snap) addVssManifest(vm, this.snap, m.application && this.session ? this.session.writers.map((w) => w.name) : []);
    this.summary.result = 'success';
    this.summary.consistency = consistency;
    this.summary.resultLine = quiesceResultLine(this.summary, m.cause);
    lab.log(vm, 'VMware Tools', 'quiesce.done', `Quiesce of ${vm.name} done: snapshot "${this.req.name}" is ${consistency === 'application' ? 'application' : consistency === 'crash' ? 'only crash' : 'file-system'} consistent${this.summary.holdMs !== null ? ` (writes held ${(this.summary.holdMs / 1000).toFixed(2)} s)` : ''}.`);
    lab.succeed(this.task);
  }

  private sessionFailed(f: SessionFailure): void {
    this.fail(f.reason, f.holdTimeout, undefined, { phase: f.phase, ...(f.hr ? { hresult: f.hr } : {}) });
  }

  /** The quiesce fails whole: a snapshot already taken is discarded (scheduled when no mechanism can start). */
  fail(reason: string, holdTimeout: boolean, taskMessage?: string, detail?: EventDetail): void {
    const { lab, vm } = this;
    if (this.done) return;
    this.end();
    if (this.snap) { discardSnapshot(lab, vm, this.snap); this.snap = null; }
    if (this.froze && !this.thawed) runFreezeFail(lab, vm, true, null);
    this.summary.result = 'error';
    this.summary.reason = reason;
    this.summary.resultLine = quiesceResultLine(this.summary, this.m.cause);
    lab.log(vm, 'VMware Tools', 'quiesce.failed', `Quiesce of ${vm.name} failed: ${reason}.`, detail);
    lab.fail(this.task, taskMessage ?? (holdTimeout ? HOLD_TIMEOUT : QUIESCE_FAILED));
  }

  private end(): void {
    this.done = true;
    this.summary.endedAt = this.lab.now;
    this.deadline?.cancel();
    this.vm.guest.requestors = this.vm.guest.requestors.filter((r) => r !== this);
    this.releaseSync();
    this.unregisterProvider();
  }

  private releaseSync(): void {
    if (!this.syncHeld) return;
    this.syncHeld = false;
    this.vm.ioHeld = false;
    releaseHeld(this.lab, this.vm);
  }

  /** The VMware Snapshot Provider is loaded only for the quiesce (rule 1, SEED). */
  private registerProvider(): void {
    const s = findService(this.vm, 'vmvss');
    if (s) startService(this.lab, this.vm, s);
    this.vm.guest.vmwareProvider = true;
    this.lab.log(this.vm, 'provider', 'provider.registered', 'VMware Snapshot Provider (vmvss) registered with VSS for this quiesce.');
  }

  private unregisterProvider(): void {
    if (!this.vm.guest.vmwareProvider) return;
    this.vm.guest.vmwareProvider = false;
    const s = findService(this.vm, 'vmvss');
    if (s) stopService(this.lab, this.vm, s);
    this.lab.log(this.vm, 'provider', 'provider.unregistered', 'VMware Snapshot Provider unregistered: vssadmin list providers no longer shows it.');
  }
}
