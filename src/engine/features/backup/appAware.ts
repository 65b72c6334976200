// Application-aware processing (backup rule 13): the backup vendor's own agent is the VSS requestor
// inside the guest. It asks for backup type FULL (COPY when the job keeps the logs), freezes the
// writers, and while they are frozen the job takes the VMware snapshot without VMware Tools quiescing
// (Veeam KB1790: "VEEAM BACKUP TEMPORARY SNAPSHOT", quiesce "False"). The session then stays open
// through the transfer: BackupComplete, where Exchange truncates its logs, is called only after the
// job has read the snapshot (Veeam "Transaction Log Truncation"); a failed transfer ends the session
// without it, so nothing is truncated.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { Snapshot } from '../../model/snapshot';
import { TAKE_TASK, takeRefusal } from '../snapshot/take';
import { createSnapshot, snapshotStartBytes } from '../snapshot/create';
import { findService, startService } from '../guest/services';
import { VssSession, type SessionResult, type SessionSpec } from '../vss/session';
import type { Phase } from '../vss/phases';
import { stableGuid } from '../../core/ids';
import type { BackupType } from '../vss/backupTypes';
import type { JobCall } from '../../core/scheduler';

/**
 * The agent's side of a run, as data: its task (Create virtual machine snapshot), the requestor's side
 * of its VSS session (a SessionSpec: the session calls its methods), the snapshot it made, and after
 * the snapshot the open session that `completeAgent` ends (good: BackupComplete). What to do when the
 * session has ended is a JobCall, given the sentence that says how it ended.
 */
export class AgentState implements SessionSpec {
  snap: Snapshot | null = null;
  /** The session stays open after the snapshot until completeAgent. */
  open = false;
  then: JobCall | null = null;
  session: VssSession | null = null;
  /** Set as soon as the task is created (it may start, and even fail, at once). */
  task!: Task;
  readonly provider = 'software' as const;
  readonly application = true;
  readonly requestor: string;
  readonly backupType: BackupType;

  constructor(private readonly lab: LabContext, readonly vm: Vm, jobName: string, truncateLogs: boolean, private readonly name: string, private readonly description: string) {
    this.requestor = `backup job "${jobName}" (application-aware processing)`;
    this.backupType = truncateLogs ? 'full' : 'copy';
  }

  onPhase(_p: Phase, ms: number): void {
    const { lab, task: t } = this;
    t.ramp(lab.now, t.progress(lab.now), Math.min(95, t.progress(lab.now) + 10), ms);
  }

  // Writers frozen and writes held: the host switches the disks to new deltas, unquiesced.
  onCommitted(): void {
    const { lab, vm } = this;
    vm.datastore.release(this.task.id);
    this.snap = createSnapshot(lab, vm, { name: this.name, description: this.description, memory: false, quiesced: false, consistency: 'application' });
  }

  afterPostSnapshot(session: VssSession): void {
    this.session = session;
    this.open = true;
    this.lab.succeed(this.task);
  }

  onEnd(r: SessionResult): void {
    const { lab, vm } = this;
    const t = this.task;
    if (!this.snap) {
      vm.datastore.release(t.id);
      lab.fail(t, r.ok ? 'The snapshot was not created.' : `Application-aware processing failed: ${r.failure.reason}.`);
      return;
    }
    const said = r.ok ? (this.backupType === 'full' ? 'the backup agent ended its VSS session with BackupComplete (FULL)' : 'the backup agent ended its VSS session with BackupComplete (COPY: logs kept)')
      : `the backup agent ended its VSS session without BackupComplete: ${r.failure.reason}`;
    this.open = false;
    this.session = null;
    const then = this.then;
    this.then = null;
    if (then) lab.scheduler.runCall({ kind: then.kind, args: [...then.args, said] });
  }
}

/** End the agent's open session: BackupComplete after a good read, or without it; then run `then`. */
export function completeAgent(agent: AgentState, good: boolean, reason: string, then: JobCall | null): void {
  const session = agent.session;
  if (!agent.open || !session) return;
  agent.open = false;
  agent.then = then;
  if (good) session.resume(); else session.abandon(reason);
}

/** Why the agent cannot run in this guest, or null. */
export function agentRefusal(vm: Vm): string | null {
  if (vm.power !== 'poweredOn') return `${vm.name} is not running, so application-aware processing cannot reach its guest`;
  if (vm.guestOs === 'linux') return `${vm.name} runs Linux, which has no Volume Shadow Copy Service for application-aware processing`;
  if (vm.vssService === 'disabled') return `the Volume Shadow Copy service on ${vm.name} is Disabled, so the backup agent cannot start a VSS session`;
  if (vm.guest.session) return `another shadow copy creation is already in progress on ${vm.name}`;
  return null;
}

/** Job kind of the agent's task start (lab/jobs.ts). */
export const AGENT_START = 'backup.agent.start';

export function takeAppAware(lab: LabContext, vm: Vm, job: { name: string; truncateLogs: boolean }, name: string, description: string): AgentState {
  const state = new AgentState(lab, vm, job.name, job.truncateLogs, name, description);
  state.task = lab.task(TAKE_TASK, vm, vm.name, { kind: AGENT_START, args: [state] }, { changesDisks: true });
  return state;
}

export function agentStart(lab: LabContext, t: Task, state: AgentState): void {
  const vm = state.vm;
  const refusal = takeRefusal(lab, vm, false) ?? agentRefusal(vm);
  if (refusal) { lab.fail(t, refusal); return; }
  vm.datastore.reserve(t.id, snapshotStartBytes(lab, vm, false));
  const swprv = findService(vm, 'swprv');
  if (swprv) startService(lab, vm, swprv);
  new VssSession(lab, vm, state, stableGuid(lab.seed, vm.id, 'agent-set', lab.now, t.id)).start();
}
