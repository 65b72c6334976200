// Which quiesce mechanism VMware Tools uses (vss.md rules 15-18), in open-vm-tools' order of
// preference (stateMachine.c VmBackupStartCommon): VSS with application writers or in file-share
// context (no writers); when VSS cannot start, the sync driver; where there is none, the null
// provider, which freezes nothing. forceQuiesce allows only VSS on Windows and only the sync driver
// on Linux. Rule 15 (Tools running, VM on) is checked by snapshot.take before it asks for a quiesce.
import type { Vm, SettingValue } from '../../model/vm';
import { hostHas } from '../../core/hostVersions';

export type Mechanism = (
  | { kind: 'vss'; application: boolean }
  | { kind: 'syncDriver' }
  /** open-vm-tools' nullProvider.c: scripts run, nothing is frozen, the snapshot is crash-consistent. */
  | { kind: 'nullProvider' }
  /** forceQuiesce and nothing it allows can start: "Requested quiescing cannot be initialized." */
  | { kind: 'none' }
) & {
  /** The mechanism and why, as the quiesce.start event says it. */
  reason: string;
  /** Why no application writer takes part, without the mechanism's name ('' when writers do). */
  cause: string;
};

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
  if (vm.toolsConf.enableVSS !== undefined && !confFlag(vm.toolsConf.enableVSS)) return 'tools.conf sets enableVSS=false';
  if (!hostHas(vm.host.version, 'vssQuiescing')) return `VSS quiescing needs ESX 3.5 Update 2 or later; ${vm.host.id} runs ${vm.host.version}`;
  if (vm.tools.build < MIN_VSS_TOOLS_BUILD) return `VMware Tools build ${vm.tools.build} is older than ${MIN_VSS_TOOLS_BUILD}, the first with VSS support`;
  if (!vm.tools.vss) return 'VMware Tools was installed without its VSS component';
  if (vm.vssService === 'disabled') return 'the Volume Shadow Copy service is Disabled';
  return null;
}

/** Why VSS must run without writers (file-share context), or null for application quiescing (rule 18). */
export function appQuiescingUnavailable(vm: Vm): string | null {
  if (confFlag(vm.toolsConf['vss.disableAppQuiescing'])) return 'tools.conf sets vss.disableAppQuiescing=true';
  if (vm.guestOs === 'windows2003') return null;
  if (!hostHas(vm.host.version, 'win2008AppQuiescing')) return `Windows 2008 and later get application quiescing only on ESX 4.1 or later; ${vm.host.id} runs ${vm.host.version}`;
  if (!vm.diskEnableUUIDInEffect) {
    return `Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing${vm.diskEnableUUID ? ' (set, but it takes effect at the next power-on)' : ''}`;
  }
  if (vm.disks.some((d) => d.controller !== 'scsi')) return 'Windows 2008 and later need SCSI disks for application quiescing; this VM has IDE disks';
  if (vm.disks.some((d) => d.dynamic)) return 'Windows 2008 and later cannot quiesce applications on dynamic disks';
  const disks = vm.disks.length;
  const slots = 15 * (vm.scsiControllers ?? Math.max(1, Math.ceil(disks / 15)));
  if (slots - disks < disks) return `application quiescing needs a free SCSI slot per disk: ${disks} disks leave ${slots - disks} of ${slots} slots free`;
  return null;
}

/**
 * Why the guest has no sync driver, or null when it has one (rule 17). Linux has FIFREEZE (vmsync on
 * old kernels). On Windows VMware Tools installs either the LGTO_SYNC driver or its VSS component: the
 * VDDK's quiescing table gives Windows 2003 and later the "VMware VSS component", so a Tools build with
 * VSS support has no LGTO_SYNC to fall back to; older builds, or Tools without VSS, have the driver.
 */
export function syncDriverUnavailable(vm: Vm): string | null {
  const conf = vm.toolsConf.enableSyncDriver;
  if (conf !== undefined && !confFlag(conf)) return 'tools.conf sets enableSyncDriver=false';
  if (vm.guestOs === 'linux') return null;
  if (vm.tools.vss && vm.tools.build >= MIN_VSS_TOOLS_BUILD) return 'VMware Tools installed its VSS component in place of the LGTO_SYNC driver';
  return null;
}

const syncDriverName = (vm: Vm): string => (vm.guestOs === 'linux' ? 'vmsync / FIFREEZE' : 'LGTO_SYNC');

/** open-vm-tools vmbackup (stateMachine.c): forceQuiesce defaults to TRUE for startWithOpts, the call
 * that carries a vssBackupType (6.5+); tools.conf's forceQuiesce overrides it either way. */
export function forceQuiesce(vm: Vm, startWithOpts: boolean): boolean {
  const conf = vm.toolsConf.forceQuiesce;
  return conf === undefined || conf === null ? startWithOpts : confFlag(conf);
}

export function chooseMechanism(vm: Vm, startWithOpts = false): Mechanism {
  const noVss = vssUnavailable(vm);
  if (noVss === null) {
    const noApp = appQuiescingUnavailable(vm);
    return noApp === null
      ? { kind: 'vss', application: true, reason: 'VSS with application writers', cause: '' }
      : { kind: 'vss', application: false, reason: `VSS without writers (file-share context): ${noApp}`, cause: noApp };
  }
  // Rule 17: a fallback is chosen only when VSS cannot start (a failure half way fails the task).
  const noSync = syncDriverUnavailable(vm);
  if (forceQuiesce(vm, startWithOpts)) {
    if (vm.guestOs === 'linux' && noSync === null) return { kind: 'syncDriver', reason: `sync driver (${syncDriverName(vm)}), the one provider forceQuiesce allows on Linux`, cause: 'the one provider forceQuiesce allows on Linux' };
    const none = `${noVss}, and ${startWithOpts && vm.toolsConf.forceQuiesce === undefined ? 'a request with a vssBackupType (startWithOpts) forces quiescing, which allows' : 'tools.conf forceQuiesce=true allows'} only ${vm.guestOs === 'linux' ? `the sync driver (${noSync})` : 'VSS'}`;
    return { kind: 'none', reason: none, cause: none };
  }
  if (noSync === null) return { kind: 'syncDriver', reason: `sync driver (${syncDriverName(vm)}): ${noVss}`, cause: noVss };
  return { kind: 'nullProvider', reason: `null provider, nothing frozen: ${noVss}, and ${noSync}`, cause: `${noVss}, and ${noSync}` };
}
