// Instant VM Recovery: the VM runs from the backup repository, mounted on the host as an NFS
// datastore, and its writes go to a redo log that grows like a snapshot's delta; migrating it to
// production storage copies it while it runs, then drops the redo log (docs/rules/restores.md rule 6).
import type { LessonInput } from '../schema';

const vm = 'app01';
const MINUTE = 60_000;

export const instantRecovery: LessonInput = {
  id: 'instant-recovery',
  title: 'Instant recovery runs on a snapshot',
  intro: [
    'A full restore copies every byte of a backup back to production storage before the VM can start: for a big server, hours. **Instant VM Recovery** does not wait. The backup server publishes its **repository** to the host as an **NFS datastore**, registers the VM there and powers it on straight from the backup files. The backup files must stay as they are, so every write the guest makes goes to a **redo log** beside them: the same mechanics as a snapshot\'s delta, with the backup as the base.',
    'APP01 is a file server on ESXi 5.5 with a **Nightly backup** job. **Run now** the job and **Play** until its restore point appears under **Restore points**. Then suppose APP01 is lost: **Restore…** its point, choose **Instant VM Recovery** and give the VM a name. Select the recovered VM in the Inventory and watch its **Disk chain** and the **Datastore** panel while it runs: what grows, and on which datastore? Finally **Migrate to production** and see what is left where.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Instant recovery runs on a snapshot',
      seed: 118,
      hosts: [{ id: 'esx01', version: '5.5' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 200 }],
      vms: [{
        id: vm, name: 'APP01', guest: 'windows2008r2', memoryMB: 2048, ctkEnabled: true,
        disks: [{ id: 'disk1', capacityGB: 40, usedGB: 6 }],
        workload: { profile: 'fileserver', writeIOPS: 30 },
      }],
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
        repositories: [{ id: 'repo01', capacityGB: 500, MBps: 300 }],
        jobs: [{ id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: [vm], cbt: true }],
      },
    },
  },
  objectives: [
    {
      id: 'point', text: 'Back APP01 up: a restore point in the repository',
      check: { kind: 'backupRun', job: 'nightly', vm, state: 'success', label: 'a good run of the Nightly backup for APP01' },
    },
    {
      id: 'instant', text: 'Start APP01 from its restore point with Instant VM Recovery: it runs from the repository\'s NFS datastore',
      check: { kind: 'instantRecovery', source: vm, stage: 'running' },
    },
    {
      id: 'redo-grows', text: 'Let the recovered VM run until its redo log holds at least 64 MB',
      check: { kind: 'instantRecovery', source: vm, stage: 'running', minRedoMB: 64 },
    },
    {
      id: 'migrated', text: 'Migrate it to production storage (ds1) while it runs: its redo log is gone',
      check: { kind: 'instantRecovery', source: vm, stage: 'migrated', datastore: 'ds1' },
    },
  ],
  hints: [
    'Backup jobs: Run now on the Nightly backup, then Play until the run ends; its point shows under Restore points.',
    'Restore… on APP01\'s restore point, then Instant VM Recovery, a VM name such as APP01-IVR, and OK. Play: the VM starts within seconds.',
    'Select the recovered VM in the Inventory: the Disk chain shows a .REDO file on top of the backup\'s disk, on the repository\'s datastore. Play at a higher speed until it holds 64 MB.',
    'Migrate to production under Restore points copies the VM to ds1 while it runs; Play until the Relocate virtual machine task completes.',
  ],
  solution: [
    { command: { type: 'backup.run', job: 'nightly' }, caption: 'The nightly job writes APP01\'s first restore point: a full' },
    { command: { type: 'clock.advance', ms: 10 * MINUTE } },
    { command: { type: 'restore.instant', point: 'repo01-1', name: 'APP01-IVR' }, caption: 'repo01 appears on the host as an NFS datastore; APP01-IVR is registered there and starts' },
    { command: { type: 'clock.advance', ms: MINUTE } },
    { command: { type: 'clock.advance', ms: 30 * MINUTE }, caption: 'Every write goes to APP01-IVR.vmdk.REDO on the NFS datastore: it grows like a delta' },
    { command: { type: 'restore.migrate', vm: 'app01-ivr', datastore: 'ds1' }, caption: 'Relocate virtual machine: the disks are copied to ds1 while the VM runs' },
    { command: { type: 'clock.advance', ms: 10 * MINUTE }, caption: 'At the switch the redo log is merged into the copy and deleted' },
  ],
  debrief: [
    'The recovered VM ran within seconds because nothing was copied: the host saw the backup repository as an NFS datastore (Veeam calls the service vPower NFS) and the VM\'s disk as a file on it. The backup files are read-only, so the host opened a **redo log** (`.vmdk.REDO`) on top of them: every block the guest wrote went there, and every read looked in the redo log first, then in the backup. That is a snapshot\'s delta in all but name, and it behaves like one: it grows with every new block written, it lives on the datastore beside its base (here the repository, not production storage), and a chain like this reads slower than a plain disk.',
    'Migrate to production is a Storage vMotion (or Veeam\'s quick migration): the disks are copied to ds1 while the VM keeps running and writing to its redo log, and only at the switch is the redo log merged into the copy and removed, as a snapshot\'s delta is removed when it is merged. The NFS datastore stays mounted with the backup files, ready for the next recovery; the VM no longer depends on it.',
    'An instantly recovered VM is therefore a VM with a growing delta on backup storage: the longer it runs there, the larger the redo log and the longer the migration. Plan the migration the same day, as you would not keep a snapshot for weeks. Sources: Veeam Backup & Replication user guide, "Instant VM Recovery" and "vPower NFS Service"; VMware, "Understanding virtual machine snapshots in VMware ESXi and ESX" (VMware KB 1015180).',
  ].join('\n\n'),
};
