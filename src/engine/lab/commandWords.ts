// A command in a learner's words, with the display names the lab holds just before it runs (the VM's
// name, the snapshot's name, the backup job's name): "EXCH01: reverted to before-patch". Time travel
// names branches with it, so a learner never reads an id such as "vm-exch01" or "snapshot-3".
// It never changes the lab; a command it cannot place still gets words, without any id.
import { formatBytes } from '../core/format';
import type { Lab } from './lab';

type Fields = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function commandWords(lab: Lab, command: unknown): string {
  const c = (typeof command === 'object' && command !== null ? command : {}) as Fields;
  const vm = lab.vm(String(c.vm));
  const who = vm ? vm.name : 'A VM';
  const said = (what: string) => `${who}: ${what}`;
  const snapshot = () => {
    const ref = text(c.snapshot);
    const s = ref && vm ? vm.snapshot(ref) : undefined;
    return s ? s.name : 'a snapshot';
  };
  switch (c.type) {
    case 'snapshot.take': return said(`took snapshot ${text(c.name) ?? 'a snapshot'}${c.quiesce === true ? ', quiesced' : ''}${c.memory === true ? ', with memory' : ''}`);
    case 'snapshot.revert': return said(`reverted to ${snapshot()}`);
    case 'snapshot.delete': return said(`deleted ${snapshot()}${c.removeChildren === true ? ' and its children' : ''}`);
    case 'snapshot.deleteAll': return said('deleted all snapshots');
    case 'vm.consolidate': return said('consolidated its disks');
    case 'vm.powerOn': return said('powered on');
    case 'vm.powerOff': return said('powered off');
    case 'vm.suspend': return said('suspended');
    case 'vm.reset': return said('reset');
    case 'vm.answer': return said(`answered ${c.answer === 'abort' ? 'Abort' : 'Retry'}`);
    case 'vm.configure': return said('changed its settings');
    case 'guest.write': return said(typeof c.length === 'number' ? `the guest wrote ${formatBytes(c.length)}` : 'the guest wrote to a disk');
    case 'guest.unmap': return said('the guest freed blocks');
    case 'guest.workload': return said('the guest\'s workload changed');
    case 'guest.backup': return said('a backup in the guest');
    case 'guest.exec': return said(`typed "${text(c.command) ?? ''}" in the console`);
    case 'fault.inject': return said('broke something');
    case 'fault.clear': return said('cleared what was broken');
    case 'datastore.resize': return `${lab.datastore(String(c.datastore))?.id ?? 'A datastore'}: increased`;
    case 'host.configure': return `${lab.hosts.find((h) => h.id === c.host)?.id ?? 'A host'}: version changed to ${text(c.version) ?? '?'}`;
    case 'backup.run': return `Backup job ${jobName(lab, c.job)}: Run now`;
    case 'backup.configureJob': return `Backup job ${jobName(lab, c.job)}: edited`;
    case 'backup.configureProxy': return `Backup proxy ${text(c.proxy) ?? ''}: max concurrent tasks ${text(c.slots) ?? '?'}`;
    case 'restore.vm': return `${pointVm(lab, c.point)}: restored from a backup${c.mode === 'newVm' ? ' as a new VM' : ''}`;
    case 'restore.instant': return `${pointVm(lab, c.point)}: Instant VM Recovery`;
    case 'restore.migrate': return said(`migrated to production${lab.datastore(String(c.datastore)) ? ` on ${String(c.datastore)}` : ''}${MIGRATE_FORMAT[String(c.diskFormat)] ?? ''}`);
    default: return vm ? said('a change') : 'A change to the lab';
  }
}

/** restore.migrate's disk format, in the words of the vSphere Client's "Select virtual disk format". */
const MIGRATE_FORMAT: Record<string, string> = {
  sameAsSource: ', same format as source', thin: ', thin provisioned format', thick: ', thick format',
};

function jobName(lab: Lab, id: unknown): string {
  const job = lab.backup.job(String(id));
  return job ? `"${job.def.name ?? job.def.id}"` : '';
}

/** The VM a restore point was taken of, by its display name. */
function pointVm(lab: Lab, id: unknown): string {
  for (const r of lab.backup.repositories) {
    const p = r.points.find((x) => x.id === id);
    if (p) return lab.vm(p.vm)?.name ?? 'A VM';
  }
  return 'A VM';
}
