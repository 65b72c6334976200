// Which quiesce mechanism VMware Tools uses (vss.md rules 15-18): VSS with application writers, VSS
// in file-share context (no writers), the sync driver as the fallback when VSS cannot start, or
// nothing at all when forceQuiesce forbids the fallback. Rule 15 (Tools running, VM on) is checked
// by snapshot.take before it asks for a quiesce.
import type { Vm, SettingValue } from '../../model/vm';

export type Mechanism =
  | { kind: 'vss'; application: boolean; reason: string }
  | { kind: 'syncDriver'; reason: string }
  | { kind: 'none'; reason: string };

export const MIN_VSS_TOOLS_BUILD = 110268;

/** tools.conf booleans arrive as true/false, "true"/"TRUE"/"1" or 1. */
export function confFlag(v: SettingValue | undefined): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return typeof v === 'string' && /^(true|1|yes|on)$/i.test(v.trim());
}

/** Why the VSS path cannot start on this VM, or null when it can (rule 16). */
export function vssUnavailable(vm: Vm): string | null {
  if (vm.guestOs === 'linux') return 'a Linux guest has no VSS';
  if (!vm.host.atLeast('3.5u2')) return `VSS quiescing needs ESX 3.5 Update 2 or later; ${vm.host.id} runs ${vm.host.version}`;
  if (vm.tools.build < MIN_VSS_TOOLS_BUILD) return `VMware Tools build ${vm.tools.build} is older than ${MIN_VSS_TOOLS_BUILD}, the first with VSS support`;
  if (!vm.tools.vss) return 'VMware Tools was installed without its VSS component';
  if (vm.vssService === 'disabled') return 'the Volume Shadow Copy service is Disabled';
  return null;
}

/** Why VSS must run without writers (file-share context), or null for application quiescing (rule 18). */
export function appQuiescingUnavailable(vm: Vm): string | null {
  if (confFlag(vm.toolsConf['vss.disableAppQuiescing'])) return 'tools.conf sets vss.disableAppQuiescing=true';
  if (vm.guestOs === 'windows2003') return null;
  if (!vm.host.atLeast('4.1')) return `Windows 2008 and later get application quiescing only on ESX 4.1 or later; ${vm.host.id} runs ${vm.host.version}`;
  if (!vm.diskEnableUUID) return 'Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing';
  if (vm.disks.some((d) => d.controller !== 'scsi')) return 'Windows 2008 and later need SCSI disks for application quiescing; this VM has IDE disks';
  if (vm.disks.some((d) => d.dynamic)) return 'Windows 2008 and later cannot quiesce applications on dynamic disks';
  return null;
}

export function chooseMechanism(vm: Vm): Mechanism {
  const noVss = vssUnavailable(vm);
  if (noVss === null) {
    const noApp = appQuiescingUnavailable(vm);
    return noApp === null
      ? { kind: 'vss', application: true, reason: 'VSS with application writers' }
      : { kind: 'vss', application: false, reason: `VSS without writers (file-share context): ${noApp}` };
  }
  // Rule 17: the fallback is chosen only when VSS cannot start, and forceQuiesce forbids it.
  if (confFlag(vm.toolsConf.forceQuiesce)) return { kind: 'none', reason: `${noVss}, and tools.conf forceQuiesce=true forbids the sync driver fallback` };
  const sync = vm.toolsConf.enableSyncDriver;
  if (sync !== undefined && !confFlag(sync)) return { kind: 'none', reason: `${noVss}, and tools.conf enableSyncDriver=false leaves no fallback` };
  return { kind: 'syncDriver', reason: `sync driver (${vm.guestOs === 'linux' ? 'vmsync / FIFREEZE' : 'LGTO_SYNC'}): ${noVss}` };
}
