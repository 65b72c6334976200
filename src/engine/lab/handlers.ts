// The handler of each command type. Handlers run after dispatch() validated the command's shape and
// its vm id; they check the rest of its ids and either refuse or act.
import type { Lab } from './lab';
import type { Command, CommandOf, CommandType } from './commands';
import type { CommandResult } from './view';
import { refuse } from './dispatch';
import { GiB } from './schema';
import { takeCommand } from '../snapshot/take';
import { revertCommand } from '../snapshot/revert';
import { deleteCommand, deleteAllCommand, consolidateCommand } from '../snapshot/remove';
import { powerCommand, setPower } from '../vm/power';
import { guestWriteCommand, guestUnmapCommand, answerCommand } from '../guest/write';
import { configureCommand } from '../vm/configure';
import { injectFault, clearFault } from '../vss/faults';
import { execCommand } from '../guest/console';
import { backupCommand } from '../vss/backup';
import { formatBytes } from './format';

type Handler<T extends CommandType> = (lab: Lab, cmd: CommandOf<T>) => CommandResult;

export const handlers: { [T in CommandType]: Handler<T> } = {
  'vm.powerOn': powerCommand,
  'vm.powerOff': powerCommand,
  'vm.suspend': powerCommand,
  'vm.reset': powerCommand,
  'vm.answer': (lab, cmd) => answerCommand(lab, cmd, (vm) => setPower(lab, vm, 'poweredOff')),
  'vm.configure': configureCommand,
  'snapshot.take': takeCommand,
  'snapshot.revert': revertCommand,
  'snapshot.delete': deleteCommand,
  'snapshot.deleteAll': deleteAllCommand,
  'vm.consolidate': consolidateCommand,
  'guest.write': guestWriteCommand,
  'guest.unmap': guestUnmapCommand,
  'guest.workload': (lab, cmd) => {
    const vm = lab.vm(cmd.vm)!;
    lab.workloads.set(vm, cmd.profile, cmd.writeIOPS);
    lab.log(vm, 'guest', 'guest.workload', `${vm.name} now runs the ${cmd.profile} workload at ${lab.workloads.get(vm)!.writeIOPS} write IOPS.`);
    return { ok: true };
  },
  'guest.backup': backupCommand,
  'guest.exec': execCommand,
  'fault.inject': injectFault,
  'fault.clear': clearFault,
  'datastore.resize': (lab, cmd) => {
    const ds = lab.datastore(cmd.datastore);
    if (!ds) return refuse('DATASTORE_NOT_FOUND', `There is no datastore "${cmd.datastore}". Datastores: ${lab.datastores.map((d) => d.id).join(', ')}.`);
    const bytes = cmd.capacityBytes ?? Math.round(cmd.capacityGB! * GiB);
    if (bytes < ds.usedBytes) {
      return refuse('DATASTORE_TOO_SMALL', `${ds.id} holds ${formatBytes(ds.usedBytes)}; it cannot shrink to ${formatBytes(bytes)}.`);
    }
    const was = ds.capacityBytes;
    ds.capacityBytes = bytes;
    lab.log(null, 'vCenter', 'datastore.resized', `Datastore ${ds.id} ${bytes >= was ? 'grew' : 'shrank'} from ${formatBytes(was)} to ${formatBytes(bytes)}.`);
    return { ok: true };
  },
  'clock.advance': (lab, cmd) => {
    lab.advance(cmd.ms);
    return { ok: true };
  },
  'host.configure': (lab, cmd) => {
    const host = lab.hosts.find((h) => h.id === cmd.host);
    if (!host) return refuse('HOST_NOT_FOUND', `There is no host "${cmd.host}". Hosts: ${lab.hosts.map((h) => h.id).join(', ')}.`);
    host.version = cmd.version;
    lab.log(null, 'vCenter', 'host.upgraded', `Host ${host.id} now runs ESX ${cmd.version}.`);
    return { ok: true };
  },
};

export type { Command };
