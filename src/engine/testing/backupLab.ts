// A one-VM lab with a nightly backup job, for the backup-job tests (docs/backup-jobs.md).
import { Lab } from '../lab/lab';
import type { LabDefinitionInput } from '../core/schema';
import type { StateView } from '../core/view';
import { ok, settle } from './harness';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type JobInput = NonNullable<NonNullable<LabDefinitionInput['backup']>['jobs']>[number];

export type BackupInput = NonNullable<LabDefinitionInput['backup']>;

export function backupLab(o: { host?: string; job?: Partial<JobInput>; vm?: Record<string, unknown>; capacityGB?: number; fs?: 'vmfs3' | 'vmfs5' | 'nfs'; schedule?: boolean; backup?: Partial<BackupInput> } = {}): Lab {
  return new Lab({
    seed: 12,
    hosts: [{ id: 'esx01', version: (o.host ?? '5.0') as never }],
    datastores: [{ id: 'ds1', capacityGB: o.capacityGB ?? 200, fs: o.fs ?? 'vmfs5', MBps: 150 }],
    vms: [{
      id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 2048, apps: ['exchange'], ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 4 }],
      workload: { profile: 'exchange', writeIOPS: 6 }, ...o.vm,
    }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
      jobs: [{
        id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['exch01'],
        ...(o.schedule === false ? {} : { schedule: { firstAtMs: 22 * HOUR, everyMs: DAY } }),
        quiesce: true, truncateLogs: false, cbt: true, ...o.job,
      }],
      ...o.backup,
    },
  });
}

export const job = (s: StateView, id = 'nightly') => s.backupJobs.find((j) => j.id === id)!;
export const runNow = (lab: Lab) => { const r = ok(lab, { type: 'backup.run', job: 'nightly' }); settle(lab); return r; };
