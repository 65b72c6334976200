// VMware Tools as the quiescing requestor (vss.md rules 1, 4, 10, 14-20; vmware-snapshots.md 28).
// snapshot.take calls startQuiesce when quiesce applies (rule 27). Tools picks a mechanism, runs the
// freeze scripts, then either drives a VSS session whose provider commit takes the VMware snapshot
// while writes are held, or freezes with the sync driver; then the thaw scripts. Any failure fails
// the task whole: a snapshot already taken is discarded, none is ever marked quiesced.
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
import { VssSession, type SessionFailure } from './session';
import { runScript, runFreezeFail } from './scripts';
import { toolsLimitMs, flushMs, commitMs } from './timing';
import { HOLD_LIMIT_MS } from '../../core/vssLimits';
import { BT_WORD, type BackupType } from './backupTypes';
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

class ToolsQuiesce implements Requestor {
  private done = false;
  private snap: Snapshot | null = null;
  private froze = false;
  private thawed = false;
  private session: VssSession | null = null;
  private deadline: Timer | null = null;
  private syncHeld = false;
  private readonly m: Mechanism;
  private readonly summary: QuiesceSummary;
  private readonly backupType: BackupType;

  constructor(private readonly lab: LabContext, private readonly vm: Vm, private readonly task: Task, private readonly req: QuiesceRequest) {
    this.m = chooseMechanism(vm, req.startWithOpts === true);
    this.backupType = req.backupType as BackupType;
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
      lab.scheduler.after(100, () => this.fail(m.reason, false, forced ? `${QUIESCE_FAILED} ${CANNOT_INITIALIZE}` : QUIESCE_FAILED));
      return;
    }
    vm.guest.requestors.push(this);
    const limit = toolsLimitMs(vm);
    this.deadline = lab.scheduler.after(limit, () => this.timeout(limit));
    if (m.kind === 'vss') this.registerProvider();
    runScript(lab, vm, 'pre-freeze', (ok, ran, msg) => {
      if (this.done) return;
      if (!ok) { runFreezeFail(lab, vm, false, msg); this.fail(msg, false); return; }
      this.froze = ran;
      if (m.kind === 'vss') this.runVss(m.application); else if (m.kind === 'nullProvider') this.runNullProvider(); else this.runSyncDriver();
    });
  }

  /** A power-off ends the quiesce: the guest that was quiescing is gone. */
  cancel(reason: string): void {
    if (this.session) this.session.cancel('power', reason); else this.fail(reason, false);
  }

  private timeout(limit: number): void {
    const why = `VMware Tools gave up after ${Math.round(limit / 60000 * 10) / 10} minutes, its limit for a quiesce`;
    if (this.session && !this.session.ended) this.session.cancel('timeout', why); else this.fail(why, false);
  }

  private runVss(application: boolean): void {
    const { lab, vm } = this;
    if (vm.guest.session) {
      this.fail(`VSS_E_SNAPSHOT_SET_IN_PROGRESS (${hex(VSS_E.SNAPSHOT_SET_IN_PROGRESS)}): another shadow copy creation is already in progress in the guest`, false, undefined, { hresult: VSS_E.SNAPSHOT_SET_IN_PROGRESS });
      return;
    }
    const consistency: Consistency = application ? 'application' : 'filesystem';
    this.session = new VssSession(lab, vm, {
      requestor: 'VMware Tools', provider: 'vmware', backupType: this.backupType, application,
      onPhase: (phase, ms) => { const [a, b] = PROGRESS[phase]; this.task.ramp(lab.now, a, b, ms); },
      onCommitted: () => this.createSnap(consistency),
      afterPostSnapshot: (next, fail) => this.thawScripts(next, fail),
      onEnd: (r) => {
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
        if (r.ok) this.succeed(consistency); else this.sessionFailed(r.failure);
      },
    }, stableGuid(lab.seed, vm.id, 'set', lab.now, this.task.id));
    this.session.start();
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
    lab.scheduler.after(hold, () => {
      if (this.done) return;
      this.createSnap('filesystem');
      this.releaseSync();
      this.summary.holdMs = hold;
      lab.log(vm, 'VMware Tools', 'syncDriver.thaw', `The ${driver} driver releases writes after ${(hold / 1000).toFixed(2)} s.`);
      this.thawScripts(() => this.succeed('filesystem'), (reason) => this.fail(reason, false));
    });
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
    lab.scheduler.after(stunMs, () => {
      if (this.done) return;
      this.createSnap('crash');
      this.thawScripts(() => this.succeed('crash'), (reason) => this.fail(reason, false));
    });
  }

  private thawScripts(next: () => void, fail: (reason: string) => void): void {
    this.task.ramp(this.lab.now, 88, 92, 1500);
    runScript(this.lab, this.vm, 'post-thaw', (ok, _ran, msg) => {
      if (this.done) return;
      this.thawed = true;
      if (ok) next(); else fail(msg);
    });
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

  private fail(reason: string, holdTimeout: boolean, taskMessage?: string, detail?: EventDetail): void {
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
