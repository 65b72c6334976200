// vm.configure: VMware Tools, the guest's VSS service, disk.EnableUUID, tools.conf and .vmx settings.
// Applied at once, and shown as a "Reconfigure virtual machine" task as vSphere does.
import { syncChangeTracking } from '../../model/disk/changeTracking';
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { onServiceConfig } from '../vss/guestModel';
import { ctkGrowthBytes } from '../../model/datastore/vmFiles';
import { refuse } from '../../core/result';
import { formatBytes } from '../../core/format';

export function configureCommand(lab: LabContext, cmd: CommandOf<'vm.configure'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  // Switching CBT on for a VM that is not running creates a -ctk.vmdk beside every disk file at once.
  if (cmd.ctkEnabled && vm.power !== 'poweredOn') {
    let need = 0;
    for (const d of vm.disks) if (!d.ctk) need += ctkGrowthBytes(vm, d, 0, true);
    if (need > vm.datastore.freeBytes) {
      return refuse('NO_DISK_SPACE', `Insufficient disk space on datastore '${vm.datastore.id}' (ctkEnabled needs ${formatBytes(need)} for -ctk.vmdk files, ${formatBytes(vm.datastore.freeBytes)} free).`);
    }
  }
  const changes: string[] = [];
  if (cmd.tools) {
    Object.assign(vm.tools, Object.fromEntries(Object.entries(cmd.tools).filter(([, v]) => v !== undefined)));
    changes.push(`VMware Tools ${vm.tools.status}, build ${vm.tools.build}${vm.tools.vss ? ' with VSS support' : ' without VSS support'}`);
  }
  if (cmd.vssService) { vm.vssService = cmd.vssService; changes.push(`VSS service startup ${cmd.vssService}`); onServiceConfig(lab, vm); }
  if (cmd.ctkEnabled !== undefined) {
    vm.ctkEnabled = cmd.ctkEnabled;
    // A running VM picks the setting up at its next stun/unstun cycle (VDDK guide); an off one at once.
    const now = vm.power !== 'poweredOn' && syncChangeTracking(vm);
    changes.push(`ctkEnabled = ${cmd.ctkEnabled ? 'TRUE' : 'FALSE'}${vm.power === 'poweredOn' ? ' (takes effect at the next power on or snapshot operation)' : now ? '' : ' (no change)'}`);
  }
  if (cmd.diskEnableUUID !== undefined) {
    vm.diskEnableUUID = cmd.diskEnableUUID;
    // vss rule 18: the .vmx is read at power-on, so a running VM keeps the value it started with.
    if (vm.power === 'poweredOff') vm.diskEnableUUIDInEffect = cmd.diskEnableUUID;
    const later = vm.diskEnableUUIDInEffect !== cmd.diskEnableUUID;
    changes.push(`disk.EnableUUID = ${cmd.diskEnableUUID ? 'TRUE' : 'FALSE'}${later ? ' (takes effect at the next power-on)' : ''}`);
  }
  for (const [key, target] of [['toolsConf', vm.toolsConf], ['vmx', vm.vmx]] as const) {
    const entries = cmd[key];
    if (!entries) continue;
    for (const [k, v] of Object.entries(entries)) {
      if (v === null) delete target[k]; else target[k] = v;
      changes.push(`${key === 'toolsConf' ? 'tools.conf' : '.vmx'} ${k} = ${v === null ? '(removed)' : String(v)}`);
    }
  }
  if (cmd.scripts) {
    for (const k of ['preFreeze', 'postThaw'] as const) {
      const v = cmd.scripts[k];
      if (v === null) delete vm.scripts[k]; else if (v !== undefined) vm.scripts[k] = v;
    }
    changes.push('quiescing scripts updated');
  }
  const t = lab.task('Reconfigure virtual machine', vm, vm.name, { kind: RECONFIGURE, args: [] }, { exclusive: false });
  lab.log(vm, 'vCenter', 'vm.reconfigured', `${vm.name} reconfigured: ${changes.join('; ') || 'no changes'}.`);
  return { ok: true, task: t.id };
}

/** The job kind of a reconfigure task's start (lab/jobs.ts): it succeeds at once. */
export const RECONFIGURE = 'vm.reconfigure';
export const reconfigureStart = (lab: LabContext, task: Task): void => lab.succeed(task);
