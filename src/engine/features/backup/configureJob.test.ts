// backup.configureJob for every job field, repositories and proxies' task slots in the lab definition,
// and the state view's repositories (backup rules 1 and 15).
import { describe, it, expect } from 'vitest';
import { ok } from '../../testing/harness';
import { backupLab, job, HOUR, DAY } from '../../testing/backupLab';

const GiB = 1024 ** 3;

describe('backup.configureJob: every job field', () => {
  it('backup rule 1: defaults: applicationAware off, 7 restore points, the default repository, 4 task slots', () => {
    const s = backupLab().state();
    const j = job(s);
    expect(j).toMatchObject({ applicationAware: false, retainPoints: 7, repository: 'repo01', proxy: { slots: 4 } });
    expect(s.repositories).toEqual([{ id: 'repo01', name: 'repo01', capacityBytes: 2000 * GiB, usedBytes: 0, MBps: 300 }]);
    expect(s.restorePoints).toEqual([]);
  });

  it('backup rule 1: backup.configureJob sets each field and says what changed', () => {
    const lab = backupLab({
      schedule: false,
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }, { id: 'proxy02', transport: 'nbd', slots: 2 }],
        repositories: [{ id: 'repo01', capacityGB: 500 }, { id: 'repo02', capacityBytes: 3 * GiB, MBps: 80 }],
      },
      vm: {},
    });
    ok(lab, {
      type: 'backup.configureJob', job: 'nightly', quiesce: false, truncateLogs: true, cbt: false, applicationAware: true,
      schedule: { firstAtMs: 2 * HOUR, everyMs: DAY }, vms: ['exch01'], proxy: 'proxy02', retainPoints: 14, repository: 'repo02',
    });
    const s = lab.state();
    expect(job(s)).toMatchObject({
      quiesce: false, truncateLogs: true, cbt: false, applicationAware: true, schedule: { firstAtMs: 2 * HOUR, everyMs: DAY },
      vms: ['exch01'], proxy: { id: 'proxy02', transport: 'nbd', slots: 2 }, retainPoints: 14, repository: 'repo02',
    });
    expect(s.repositories.map((r) => [r.id, r.capacityBytes, r.MBps])).toEqual([['repo01', 500 * GiB, 300], ['repo02', 3 * GiB, 80]]);
    const said = s.events.filter((e) => e.kind === 'backup.jobChanged').at(-1)!.message;
    expect(said).toContain('repository repo02');
    expect(said).toContain('keeps 14 restore points');
    expect(said).toContain('applicationAware true');
  });

  it.each([
    [{ job: 'nightly', repository: 'repo9' }, 'REPOSITORY_NOT_FOUND', 'There is no backup repository "repo9"'],
    [{ job: 'nightly', retainPoints: 0 }, 'INVALID_COMMAND', 'at least 1 restore point'],
    [{ job: 'nightly', retainPoints: 2.5 }, 'INVALID_COMMAND', 'whole number of restore points'],
    [{ job: 'nightly', retainPoints: 1000 }, 'INVALID_COMMAND', 'at most 999'],
    [{ job: 'nightly', applicationAware: 'yes' }, 'INVALID_COMMAND', 'applicationAware'],
    [{ job: 'nightly', cbt: true, slots: 3 }, 'INVALID_COMMAND', 'slots'],
  ])('backup rule 15: backup.configureJob refuses %j (%s) and changes nothing', (fields, code, words) => {
    const lab = backupLab();
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'backup.configureJob', ...fields });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(!r.ok && r.error.message).toContain(words);
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('backup rule 15: a refusal part-way leaves the fields before it unchanged too', () => {
    const lab = backupLab();
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'backup.configureJob', job: 'nightly', cbt: false, retainPoints: 3, repository: 'nowhere' })).toMatchObject({ ok: false });
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});

describe('backup section: repositories and task slots in the lab definition', () => {
  it.each([
    ['an unknown repository', { jobs: [{ id: 'j', vms: ['exch01'], repository: 'repo9' }] }, 'backup.jobs[0].repository'],
    ['no repository at all', { repositories: [], jobs: [{ id: 'j', vms: ['exch01'] }] }, 'backup.jobs[0].repository'],
    ['both repository sizes', { repositories: [{ id: 'r', capacityGB: 1, capacityBytes: 1 }] }, 'backup.repositories[0]'],
    ['a repeated repository', { repositories: [{ id: 'r' }, { id: 'r' }] }, 'backup.repositories[1].id'],
    ['zero task slots', { proxies: [{ id: 'p', slots: 0 }] }, 'backup.proxies[0].slots'],
    ['retainPoints 0', { jobs: [{ id: 'j', vms: ['exch01'], retainPoints: 0 }] }, 'backup.jobs[0].retainPoints'],
  ])('backup rule 15: a lab definition with %s is refused, naming the field', (_what, backup, field) => {
    expect(() => backupLab({ backup: backup as never })).toThrow(field);
  });
});

describe('restore points and the repository', () => {
  it('backup rule 23: each good run adds a restore point; retainPoints bounds them (the oldest merge into the full)', () => {
    const lab = backupLab({ job: { retainPoints: 2 } });
    lab.advance(22 * HOUR + 3 * DAY + HOUR);
    const s = lab.state();
    expect(job(s).runs.map((r) => r.state)).toEqual(['success', 'success', 'success', 'success']);
    const pts = s.restorePoints;
    expect(pts.map((p) => p.kind)).toEqual(['full', 'incremental']);
    expect(pts.every((p) => p.job === 'nightly' && p.vm === 'exch01' && p.repository === 'repo01')).toBe(true);
    expect(s.repositories[0].usedBytes).toBe(pts[0].bytes + pts[1].bytes);
    expect(job(s).runs[3].vms[0].message).toContain('2 of 2 kept, the oldest merged into the full');
  });
});
