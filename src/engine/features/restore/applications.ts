// What the guest's applications find on disks a restore wrote back (docs/rules/restores.md rules 4-5):
// Exchange's database as the image held it (Dirty Shutdown, needing its logs), and a domain
// controller's database, restored through the NTDS writer or as a plain image.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { RestorePoint } from '../backup/repository';
import { copyDirectory } from '../../model/guest/directory';
import { databaseImage } from '../exchange/store';

/**
 * The applications' data after `restored` disks of `vm` came back from `point`. Exchange keeps its
 * database on the VM's data disks and its logs on a disk whose role is "log" (on the same disks when
 * it has none); restoring the database without its logs leaves the logs as they are now.
 */
export function applicationsAfterRestore(lab: LabContext, vm: Vm, point: RestorePoint, restored: ReadonlySet<string>): void {
  const image = point.appData;
  const g = vm.guest;
  if (g.exchange && image.exchange) {
    const logDisks = vm.disks.filter((d) => d.role === 'log').map((d) => d.id);
    const dbDisks = vm.disks.filter((d) => d.role !== 'log').map((d) => d.id);
    const dbBack = dbDisks.some((id) => restored.has(id));
    const logsBack = logDisks.length ? logDisks.some((id) => restored.has(id)) : dbBack;
    if (dbBack) {
      const db = databaseImage(image.exchange);
      const logs = logsBack ? image.exchange : g.exchange;
      g.exchange = {
        ...db,
        logBytes: logs.logBytes, truncatedBytes: logs.truncatedBytes, truncations: logs.truncations,
      };
      // A restore through the Exchange writer (an application-aware point, database and logs
      // together) replays the logs as part of the restore: the database comes back consistent.
      if (point.applicationAware && logsBack && g.exchange.requiredLogFrom != null && g.exchange.truncatedBytes <= g.exchange.requiredLogFrom) {
        g.exchange.databaseState = 'cleanShutdown';
        g.exchange.requiredLogFrom = null;
        lab.log(vm, 'backup', 'restore.done', `${vm.name}: the restore went through the Exchange writer, which replayed the database's logs: it will mount at once.`);
      }
    } else if (logsBack) {
      g.exchange = { ...g.exchange, logBytes: image.exchange.logBytes, truncatedBytes: image.exchange.truncatedBytes, truncations: image.exchange.truncations };
    }
  }
  if (g.sql && image.sql) g.sql = { ...image.sql };
  if (g.directory && image.directory) {
    const d = copyDirectory(image.directory);
    // Through the NTDS writer (an application-aware point) the database is marked restored: at its
    // next start the DC takes a new invocation ID (a non-authoritative restore). A plain image is
    // the same database going back in time as a snapshot revert.
    d.restoredThroughWriter = point.applicationAware;
    g.directory = d;
  }
}
