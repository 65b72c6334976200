import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine/index';
import { jobChanges, jobFieldsOf, jobProblems, minutesOf } from './jobForm';

const HOUR = 3_600_000;
const lab = () => createLab({
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 100 }],
  vms: [{ id: 'exch01', name: 'EXCH01', apps: ['exchange'], disks: [{ id: 'disk1', capacityGB: 10 }] }, { id: 'fs01', name: 'FS01', disks: [{ id: 'disk1', capacityGB: 10 }] }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd' }, { id: 'proxy02', transport: 'nbd' }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['exch01'], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR } }],
  },
});

describe('Edit backup job form', () => {
  it('sends only what changed, in a form the engine accepts', () => {
    const l = lab();
    const job = l.state().backupJobs[0];
    const f = jobFieldsOf(job);
    expect(f).toMatchObject({ schedule: 'daily', time: '22:00', vms: ['exch01'], proxy: 'proxy01', retainPoints: '7' });
    expect(jobChanges(job, f)).toEqual({});
    const changes = jobChanges(job, { ...f, applicationAware: true, truncateLogs: true, time: '23:30', vms: ['exch01', 'fs01'], proxy: 'proxy02', retainPoints: '3' });
    expect(changes).toEqual({ applicationAware: true, truncateLogs: true, schedule: { firstAtMs: 23.5 * HOUR, everyMs: 24 * HOUR }, vms: ['exch01', 'fs01'], proxy: 'proxy02', retainPoints: 3 });
    expect(l.dispatch({ type: 'backup.configureJob', job: 'nightly', ...changes }).ok).toBe(true);
    const after = l.state().backupJobs[0];
    expect(jobChanges(after, jobFieldsOf(after))).toEqual({});
    expect(after.nextRunAt).toBe(23.5 * HOUR);
    expect(jobChanges(after, { ...jobFieldsOf(after), schedule: 'none' })).toEqual({ schedule: null });
  });

  it('says what is wrong before OK: no VM, a time that is not one, a retention out of range', () => {
    const f = jobFieldsOf(lab().state().backupJobs[0]);
    expect(jobProblems({ ...f, vms: [], time: '25:00', retainPoints: '0' })).toHaveLength(3);
    expect([minutesOf('07:05'), minutesOf('7:5'), minutesOf('24:00')]).toEqual([425, null, null]);
  });
});
