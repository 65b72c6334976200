// The command-handler table: one handler per command type. The Lab hands it to its dispatcher (as
// tldraw hands tools to its Editor), so neither the core nor the dispatcher imports a feature.
// Handlers run after dispatch() validated the command's shape and its vm id; they check the rest of
// its ids and either refuse or act.
import type { HandlerTable } from '../core/commands';
import type { Lab } from './lab';
import { takeCommand } from '../features/snapshot/take';
import { restoreVmCommand } from '../features/restore/restoreVm';
import { instantCommand, migrateCommand } from '../features/restore/instant';
import { revertCommand } from '../features/snapshot/revert';
import { deleteCommand, deleteAllCommand, consolidateCommand } from '../features/snapshot/remove';
import { powerCommand } from '../features/vm/power';
import { answerCommand } from '../features/vm/answer';
import { configureCommand } from '../features/vm/configure';
import { guestWriteCommand, guestUnmapCommand } from '../features/guest/write';
import { workloadCommand } from '../features/guest/workload';
import { execCommand } from '../features/guest/console';
import { injectFault, clearFault } from '../features/vss/faults';
import { backupCommand } from '../features/vss/backup';
import { resizeCommand } from '../features/datastore/resize';
import { hostConfigureCommand } from '../features/host/configure';

export const commandHandlers: HandlerTable<Lab> = {
  'vm.powerOn': powerCommand,
  'vm.powerOff': powerCommand,
  'vm.suspend': powerCommand,
  'vm.reset': powerCommand,
  'vm.answer': answerCommand,
  'vm.configure': configureCommand,
  'snapshot.take': takeCommand,
  'snapshot.revert': revertCommand,
  'snapshot.delete': deleteCommand,
  'snapshot.deleteAll': deleteAllCommand,
  'vm.consolidate': consolidateCommand,
  'guest.write': guestWriteCommand,
  'guest.unmap': guestUnmapCommand,
  'guest.workload': workloadCommand,
  'guest.backup': backupCommand,
  'guest.exec': execCommand,
  'fault.inject': injectFault,
  'fault.clear': clearFault,
  'datastore.resize': resizeCommand,
  // Time is the lab's own: only the Lab moves its clock.
  'clock.advance': (lab, cmd) => {
    lab.advance(cmd.ms);
    return { ok: true };
  },
  'host.configure': hostConfigureCommand,
  // The backup application lives in the lab (its jobs and runs), so its commands go to it.
  'backup.run': (lab, cmd) => lab.backup.runNow(cmd.job),
  'backup.configureJob': (lab, cmd) => lab.backup.configure(cmd),
  'backup.configureProxy': (lab, cmd) => lab.backup.configureProxy(cmd),
  'restore.vm': (lab, cmd) => restoreVmCommand(lab, lab.backup.repositories, cmd),
  'restore.instant': (lab, cmd) => instantCommand(lab, lab.backup.repositories, cmd),
  'restore.migrate': (lab, cmd) => migrateCommand(lab, lab.backup.repositories, cmd),
};
