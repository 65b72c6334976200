// What a domain controller does when it starts: count changes from now, and, where the host gives the
// guest a VM-Generation ID that the guest can read, notice that the ID changed since the DC last saw it
// (a snapshot was applied, the VM was restored) and take a new invocation ID before replicating, so no
// partner can mistake its new changes for old ones (docs/rules/restores.md rule 3).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { newDirectory, type DirectoryState } from '../../model/guest/directory';
import { hostHas } from '../../core/hostVersions';
import { stableGuid } from '../../core/ids';
import { guestEvent } from '../guest/eventLog';

const GENERATION_ID_GUESTS: readonly Vm['guestOs'][] = ['windows2012', 'windows2016'];

/** The guest can see the VM-Generation ID: the host exposes it and Windows Server 2012 or later reads it. */
export function readsGenerationId(vm: Vm): boolean {
  return hostHas(vm.host.version, 'vmGenerationId') && GENERATION_ID_GUESTS.includes(vm.guestOs);
}

export function initDirectory(lab: LabContext, vm: Vm): void {
  if (!vm.apps.includes('ad') || vm.guestOs === 'linux') return;
  const d = newDirectory(lab.seed, vm.id);
  if (readsGenerationId(vm)) d.generationId = vm.generationId;
  vm.guest.directory = d;
}

/** The hypervisor's part of a revert or a restore: a host that exposes the ID gives the VM a new one. */
export function disksWentBack(vm: Vm): void {
  if (hostHas(vm.host.version, 'vmGenerationId')) vm.generationId++;
}

/** The DC's database starts (a boot, or a guest brought back running from a memory snapshot). */
export function directoryStarts(lab: LabContext, vm: Vm): void {
  const d = vm.guest.directory;
  if (!d) return;
  d.countedTo = lab.now;
  if (d.restoredThroughWriter) {
    d.restoredThroughWriter = false;
    resetInvocationId(lab, vm, d, null, 'a non-authoritative restore through the NTDS writer');
    if (readsGenerationId(vm)) d.generationId = vm.generationId;
    return;
  }
  if (!readsGenerationId(vm)) return;
  // A DC that never stored an ID (its database is from before the host exposed one) just stores it.
  if (d.generationId !== null && d.generationId !== vm.generationId) {
    resetInvocationId(lab, vm, d,
      `A Generation ID change has been detected.\n\nGeneration ID cached in the DS (DS Generation ID): ${d.generationId}\nGeneration ID currently in the virtual machine (VM Generation ID): ${vm.generationId}\n\nThe Generation ID change occurs after the application of a virtual machine snapshot, after a virtual machine import operation or after a live migration operation. Active Directory Domain Services will create a new invocation ID to recover the domain controller. Virtualized domain controllers should not be restored using virtual machine snapshots. The supported method to restore or rollback the content of an Active Directory Domain Services database is to restore a backup made with an Active Directory Domain Services aware backup application.`,
      'VM-Generation ID changed');
  }
  d.generationId = vm.generationId;
}

/**
 * A new invocation ID: the DC keeps its old ID's USNs in its own vector, so partners send back what
 * they hold that it lost, and its new changes can never collide with old ones. The RID pool is
 * discarded with it (a new one is requested from the RID master).
 */
export function resetInvocationId(lab: LabContext, vm: Vm, d: DirectoryState, gidMessage: string | null, why: string): void {
  const old = d.invocationId;
  d.upToDate.set(old, Math.max(d.upToDate.get(old) ?? 0, d.usn));
  d.invocationIdResets++;
  d.invocationId = stableGuid(lab.seed, vm.id, 'invocation', vm.generationId, lab.now, d.invocationIdResets).slice(1, -1);
  if (gidMessage) guestEvent(lab, vm, 'Directory Service', 'Warning', 'ActiveDirectory_DomainService', 2170, gidMessage);
  guestEvent(lab, vm, 'Directory Service', 'Information', 'ActiveDirectory_DomainService', 1109,
    `The invocationID attribute for this directory server has been changed. The highest update sequence number at the time the backup was created is as follows:\n\nInvocationID attribute (old value): ${old}\nInvocationID attribute (new value): ${d.invocationId}\nUpdate sequence number: ${d.usn}`);
  lab.log(vm, 'guest', 'directory.invocationReset',
    `${vm.name} took a new invocation ID (${why}): partners will replicate its new changes and send back what it lost. No USN rollback.`);
}

