// guest.backup: an in-guest backup application (NTBackup, a backup agent) as a second VSS requestor.
// It asks for the backup type it was given, engages every writer, uses the Microsoft software
// provider, copies the data from the shadow copies, then calls BackupComplete, where Exchange
// truncates its logs after Full / Incremental (rule 12) and SQL Server records the backup (rule 13).
// It runs as a task on the VM (vCenter does not see it; the lab shows it so its result is visible)
// and alongside vSphere tasks, since it lives inside the guest. The application is an object of its
// own (the session's spec and a requestor), so a lab with a backup in flight can be copied.
import type { LabContext } from '../context';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import type { Requestor } from '../../model/guest/guestState';
import type { Vm } from '../../model/vm';
import { refuse } from '../../core/result';
import { findService, startService } from '../guest/services';
import { VssSession, type SessionResult, type SessionSpec } from './session';
import { startCall, type Task } from '../../core/tasks';
import type { Timer } from '../../core/scheduler';
import type { Phase } from './phases';
import { BT_WORD, type BackupType } from './backupTypes';
import { TOOLS_LIMIT_MS } from '../../core/vssLimits';
import { writeRateBytes, type ProviderKind } from './timing';
import { stableGuid } from '../../core/ids';
import { hex } from './writerFaults';
import { VSS_E } from './writerText';

const TYPE_NAME: Record<BackupType, string> = { full: 'Full', incremental: 'Incremental', differential: 'Differential', copy: 'Copy', log: 'Log' };

export function backupCommand(lab: LabContext, cmd: CommandOf<'guest.backup'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const type = (cmd.backupType ?? cmd.vssBackupType)! as BackupType;
  if (vm.power !== 'poweredOn') return refuse('VM_NOT_RUNNING', `${vm.name} is ${vm.power === 'suspended' ? 'suspended' : 'powered off'}: a backup application needs a running guest.`);
  if (vm.guestOs === 'linux') return refuse('NOT_SUPPORTED', `${vm.name} runs Linux, which has no Volume Shadow Copy Service.`);
  if (vm.vssService === 'disabled') return refuse('VSS_DISABLED', `The Volume Shadow Copy service on ${vm.name} is Disabled, so no backup application can create shadow copies; set it to Manual with "sc config vss start= demand".`);
  if (vm.guest.session) {
    return refuse('SNAPSHOT_SET_IN_PROGRESS', `Another shadow copy creation is already in progress on ${vm.name} (VSS_E_SNAPSHOT_SET_IN_PROGRESS, ${hex(VSS_E.SNAPSHOT_SET_IN_PROGRESS)}); try again when it has finished.`);
  }
  const t = lab.task(`Guest VSS backup (${TYPE_NAME[type]})`, vm, vm.name, startCall(new GuestBackup(lab, vm, type), 'start'), { exclusive: false });
  return { ok: true, task: t.id };
}

/** The backup application: a requestor in the guest, and the spec of its VSS session (session.ts). */
class GuestBackup implements Requestor, SessionSpec {
  readonly requestor = 'backup application';
  readonly provider: ProviderKind = 'software';
  readonly application = true;
  private finished = false;
  private session: VssSession | null = null;
  private deadline: Timer | null = null;
  private task: Task | null = null;

  constructor(private readonly lab: LabContext, private readonly vm: Vm, readonly backupType: BackupType) {}

  /** The task starts: the application asks VSS for a shadow copy set on the software provider. */
  start(task: Task): void {
    const { lab, vm } = this;
    this.task = task;
    // The backup application waits as long as VMware Tools would before it gives up.
    this.deadline = lab.scheduler.callOn(TOOLS_LIMIT_MS, this, 'giveUp');
    vm.guest.requestors.push(this);
    const swprv = findService(vm, 'swprv');
    if (swprv) startService(lab, vm, swprv);
    this.session = new VssSession(lab, vm, this, stableGuid(lab.seed, vm.id, 'backup-set', lab.now, task.id));
    this.session.start();
  }

  /** Its time limit ran out (scheduled). */
  giveUp(): void { this.session?.cancel('timeout', 'the backup application gave up after 15 minutes'); }

  /** The guest goes away (a power-off): the set ends. */
  cancel(reason: string): void { if (this.session) this.session.cancel('power', reason); }

  private stop(): void {
    this.finished = true;
    this.deadline?.cancel();
    this.vm.guest.requestors = this.vm.guest.requestors.filter((r) => r !== this);
  }

  onPhase(_phase: Phase, ms: number): void {
    const task = this.task!;
    task.ramp(this.lab.now, task.progress(this.lab.now), Math.min(95, task.progress(this.lab.now) + 10), ms);
  }

  onCommitted(): void {}

  /** The shadow copies exist: the application copies from them, then the session resumes to BackupComplete. */
  afterPostSnapshot(session: VssSession): void {
    const { lab, vm, backupType: type } = this;
    this.deadline?.cancel(); // the limit covers creating the shadow copies, not copying from them
    const bytes = backupBytes(lab, vm, type);
    const ms = Math.round(bytes / vm.datastore.bytesPerMs);
    lab.log(vm, 'VSS', 'vss.backupCopy', `The backup application copies ${(bytes / 1024 ** 2).toFixed(0)} MB from the shadow copies (${BT_WORD[type]}).`);
    this.task!.ramp(lab.now, 50, 90, ms);
    lab.scheduler.callOn(ms, session, 'resume');
  }

  onEnd(r: SessionResult): void {
    const { lab, vm, backupType: type } = this;
    const task = this.task!;
    if (this.finished) return;
    this.stop();
    if (r.ok) {
      lab.log(vm, 'VSS', 'vss.backupDone', `The ${BT_WORD[type]} backup of ${vm.name} completed.`);
      lab.succeed(task);
    } else {
      lab.log(vm, 'VSS', 'vss.backupFailed', `The ${BT_WORD[type]} backup of ${vm.name} failed: ${r.failure.reason}.`, { phase: r.failure.phase, ...(r.failure.hr ? { hresult: r.failure.hr } : {}) });
      lab.fail(task, `The backup failed: ${r.failure.reason}.`);
    }
  }
}

/**
 * What the application reads from the shadow copies: Full and Copy read the guest's data on every
 * volume; Incremental, Differential and Log read the Exchange transaction logs, or without Exchange
 * what the workload has written since the lab started.
 */
function backupBytes(lab: LabContext, vm: Vm, type: BackupType): number {
  if (type === 'full' || type === 'copy') {
    return vm.disks.reduce((a, d) => a + d.chainTo().reduce((s, f) => s + f.dataBytes, 0), 0);
  }
  if (vm.guest.exchange) return vm.guest.exchange.logBytes;
  const w = lab.workloads.get(vm);
  return w ? Math.round(w.written * writeRateBytes(lab, vm) / Math.max(1, w.writeIOPS)) : 0;
}
