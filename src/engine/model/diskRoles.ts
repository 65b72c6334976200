// Where the guest keeps what (docs/lab-definition.md): each disk has a role from the lab definition (system, data,
// log; by position when none is named). Workloads ask for a role, never for a disk by its name.
import type { DiskRole } from '../core/schema';
import type { VirtualDisk } from './disk/virtualDisk';
import type { Vm } from './vm';

/**
 * The disk that holds `role` on this VM: the first disk with that role; with none, logs go where the
 * data is, and data goes to the system disk (an application installed on C: keeps both there).
 */
export function diskForRole(vm: Pick<Vm, 'disks'>, role: DiskRole): VirtualDisk {
  const found = vm.disks.find((d) => d.role === role);
  if (found) return found;
  if (role === 'log') return diskForRole(vm, 'data');
  if (role === 'data') return diskForRole(vm, 'system');
  return vm.disks[0];
}
