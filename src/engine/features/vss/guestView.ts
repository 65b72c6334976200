// The guest's quiescing side as the state view shows it: services, providers, shadow copies, the
// session in progress, the last quiesce and the newest event log entries.
import { readsGenerationId } from '../directory/safeguards';
import type { Vm } from '../../model/vm';
import type { AppsView, VmView } from '../../core/view';
import { SOFTWARE_PROVIDER, VMWARE_PROVIDER } from './shadows';

const GUEST_EVENTS_SHOWN = 50;

export function appsView(vm: Vm): AppsView {
  const ex = vm.guest.exchange;
  const sql = vm.guest.sql;
  const apps: AppsView = {};
  if (ex) apps.exchange = { logBytes: ex.logBytes, truncations: ex.truncations, lastFullBackup: ex.lastFullBackup, truncatedBytes: ex.truncatedBytes, databaseState: ex.databaseState };
  const ad = vm.guest.directory;
  if (ad) {
    apps.ad = {
      invocationId: ad.invocationId, highestUsn: ad.usn, usnRollback: ad.usnRollback, netlogonPaused: ad.netlogonPaused,
      dsaNotWritable: ad.dsaNotWritable, invocationIdResets: ad.invocationIdResets, vmGenerationId: readsGenerationId(vm),
    };
  }
  if (sql) apps.sql = { differentialBase: sql.differentialBase, lastBackupType: sql.lastBackupType, backups: sql.backups, copyOnlyBackups: sql.copyOnlyBackups, lastCopyOnly: sql.lastCopyOnly };
  return apps;
}

export function guestView(vm: Vm): Pick<VmView, 'services' | 'providers' | 'shadowCopies' | 'vssSession' | 'quiesce' | 'quiesces' | 'guestEvents'> {
  const g = vm.guest;
  const windows = vm.guestOs !== 'linux';
  return {
    services: g.services.map((s) => ({ name: s.name, displayName: s.displayName, startup: s.startup, running: s.running })),
    providers: !windows ? [] : g.vmwareProvider ? [SOFTWARE_PROVIDER.name, VMWARE_PROVIDER.name] : [SOFTWARE_PROVIDER.name],
    shadowCopies: g.shadows.map((s) => ({ id: s.id, setId: s.setId, volume: s.volume.letter, provider: s.provider, type: s.type, createdAt: s.createdAt })),
    vssSession: g.session && !g.session.ended
      ? { requestor: g.session.spec.requestor, phase: g.session.phase, backupType: g.session.spec.backupType, application: g.session.spec.application }
      : null,
    quiesce: g.lastQuiesce ? { ...g.lastQuiesce } : null,
    quiesces: g.quiesces.map((q) => ({ ...q })),
    guestEvents: g.eventLog.slice(-GUEST_EVENTS_SHOWN).map((e) => ({ ...e })),
  };
}
