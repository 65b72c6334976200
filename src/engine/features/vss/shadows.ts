// Shadow copies: one per volume of the set, created by the provider's commit and deleted when the
// requestor releases the session (non-persistent, VSS_CTX_BACKUP / FILE_SHARE_BACKUP).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { ProviderKind } from './timing';
import { stableGuid } from '../../core/ids';

export const SOFTWARE_PROVIDER = { name: 'Microsoft Software Shadow Copy provider 1.0', type: 'System', id: '{b5946137-7b9f-4925-af80-51abd60b20d5}', version: '1.0.0.7' };
// VMware Tools' provider, registered only during a quiesce (rule 1). Its id spells "VMware VSS Provi".
export const VMWARE_PROVIDER = { name: 'VMware Snapshot Provider', type: 'Software', id: '{564d7761-7265-2056-5353-2050726f7669}', version: '1.0.0' };

export function providerName(kind: ProviderKind): string {
  return kind === 'vmware' ? VMWARE_PROVIDER.name : SOFTWARE_PROVIDER.name;
}

interface SessionRef { setId: string; spec: { provider: ProviderKind; application: boolean } }

export function createShadows(lab: LabContext, vm: Vm, s: SessionRef): void {
  for (const v of vm.guest.volumes) {
    const index = ++vm.guest.shadowSeq;
    vm.guest.shadows.push({
      setId: s.setId, id: stableGuid(lab.seed, vm.id, 'shadow', vm.guest.bootId, index), volume: v, createdAt: lab.now,
      provider: providerName(s.spec.provider), type: s.spec.application ? 'Backup' : 'FileShareBackup', index,
    });
  }
}

/** Delete the session's shadow copies; returns how many there were. */
export function deleteShadows(vm: Vm, s: SessionRef): number {
  const before = vm.guest.shadows.length;
  vm.guest.shadows = vm.guest.shadows.filter((x) => x.setId !== s.setId);
  return before - vm.guest.shadows.length;
}
