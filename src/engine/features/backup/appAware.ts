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
import { VssSession } from '../vss/session';
import { stableGuid } from '../../core/ids';
import type { BackupType } from '../vss/backupTypes';

/** The open session after the snapshot: end it after the transfer (good: BackupComplete). */
export interface AgentSession { complete(good: boolean, reason: string, then: (note: string) => void): void }

export interface AppAwareTake { task: Task; snapshot(): Snapshot | null; session(): AgentSession | null }

/** Why the agent cannot run in this guest, or null. */
export function agentRefusal(vm: Vm): string | null {
  if (vm.power !== 'poweredOn') return `${vm.name} is not running, so application-aware processing cannot reach its guest`;
  if (vm.guestOs === 'linux') return `${vm.name} runs Linux, which has no Volume Shadow Copy Service for application-aware processing`;
  if (vm.vssService === 'disabled') return `the Volume Shadow Copy service on ${vm.name} is Disabled, so the backup agent cannot start a VSS session`;
  if (vm.guest.session) return `another shadow copy creation is already in progress on ${vm.name}`;
  return null;
}

export function takeAppAware(lab: LabContext, vm: Vm, job: { name: string; truncateLogs: boolean }, name: string, description: string): AppAwareTake {
  let snap: Snapshot | null = null;
  let open: AgentSession | null = null;
  const type: BackupType = job.truncateLogs ? 'full' : 'copy';
  const task = lab.task(TAKE_TASK, vm, vm.name, (t) => {
    const refusal = takeRefusal(lab, vm, false) ?? agentRefusal(vm);
    if (refusal) { lab.fail(t, refusal); return; }
    vm.datastore.reserve(t.id, snapshotStartBytes(lab, vm, false));
    let pending: ((note: string) => void) | null = null;
    const swprv = findService(vm, 'swprv');
    if (swprv) startService(lab, vm, swprv);
    const session = new VssSession(lab, vm, {
      requestor: `backup job "${job.name}" (application-aware processing)`, provider: 'software', backupType: type, application: true,
      onPhase: (_p, ms) => t.ramp(lab.now, t.progress(lab.now), Math.min(95, t.progress(lab.now) + 10), ms),
      // Writers frozen and writes held: the host switches the disks to new deltas, unquiesced.
      onCommitted: () => {
        vm.datastore.release(t.id);
        snap = createSnapshot(lab, vm, { name, description, memory: false, quiesced: false, consistency: 'application' });
      },
      afterPostSnapshot: (next, fail) => {
        lab.succeed(t);
        open = {
          complete: (good, reason, then) => {
            pending = then;
            if (good) next(); else fail(reason);
          },
        };
      },
      onEnd: (r) => {
        if (!snap) {
          vm.datastore.release(t.id);
          lab.fail(t, r.ok ? 'The snapshot was not created.' : `Application-aware processing failed: ${r.failure.reason}.`);
          return;
        }
        const said = r.ok ? (type === 'full' ? 'the backup agent ended its VSS session with BackupComplete (FULL)' : 'the backup agent ended its VSS session with BackupComplete (COPY: logs kept)')
          : `the backup agent ended its VSS session without BackupComplete: ${r.failure.reason}`;
        pending?.(said);
        pending = null;
      },
    }, stableGuid(lab.seed, vm.id, 'agent-set', lab.now, t.id));
    session.start();
  }, { changesDisks: true });
  return { task, snapshot: () => snap, session: () => open };
}
