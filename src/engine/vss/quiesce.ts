// Quiescing the guest for a snapshot. First version: the snapshot is taken while writes are held
// briefly, consistency "filesystem". The full VSS requestor / writer / provider model replaces it.
import type { Lab } from '../lab/lab';
import type { Vm } from '../vm/vm';
import type { Task } from '../lab/tasks';
import { createSnapshot } from '../snapshot/create';
import { stun } from '../snapshot/take';

export interface QuiesceRequest { name: string; description: string; backupType: string }

export function startQuiesce(lab: Lab, vm: Vm, task: Task, req: QuiesceRequest): void {
  lab.log(vm, 'VMware Tools', 'quiesce.start', `Quiescing ${vm.name} for snapshot "${req.name}".`);
  task.ramp(lab.now, 5, 99, 1000);
  stun(lab, vm, 1000);
  lab.scheduler.after(1000, () => {
    createSnapshot(lab, vm, { name: req.name, description: req.description, memory: false, quiesced: true, consistency: 'filesystem' });
    lab.log(vm, 'VMware Tools', 'quiesce.done', `Quiesce of ${vm.name} done.`);
    lab.succeed(task);
  });
}
