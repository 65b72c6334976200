// A lab with a backup run in flight can be copied (a time-travel checkpoint): every wait of a run is a
// job kind with data (features/backup/kinds.ts), never a closure, as are the snapshot tasks and the VSS
// sessions it starts: the lab copies at every moment of the run, and the copy and the lab, run on, end
// identical.
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import { ok } from '../../testing/harness';

function threeVmLab(job: Record<string, unknown>): Lab {
  return new Lab({
    seed: 31,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 300, fs: 'vmfs5', MBps: 150 }],
    vms: [
      { id: 'exch01', name: 'EXCH01', guest: 'windows2003', apps: ['exchange'], ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 4 }], workload: { profile: 'exchange', writeIOPS: 20 } },
      { id: 'fs01', name: 'FS01', guest: 'windows2003', disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'data', capacityGB: 30 }], workload: { profile: 'fileserver', writeIOPS: 10 } },
      { id: 'web01', name: 'WEB01', guest: 'linux', disks: [{ id: 'disk1', capacityGB: 16 }], workload: { profile: 'idle' } },
    ],
    backup: { proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200, slots: 4 }], jobs: [{ id: 'nightly', vms: ['exch01', 'fs01', 'web01'], cbt: true, ...job }] },
  });
}

describe('a backup run in flight can be checkpointed', () => {
  it.each([
    ['crash-consistent', { quiesce: false }],
    ['application-aware (the agent\'s VSS session open through the transfer)', { quiesce: true, applicationAware: true, truncateLogs: true }],
  ])('copies mid-run (%s: VMs waiting for slots, reading side by side, hunting leftovers), and the copy ends identical', (_name, job) => {
    const lab = threeVmLab(job);
    // A first run dies during FS01, leaving snapshots for the second run's hunt.
    ok(lab, { type: 'fault.inject', vm: 'fs01', fault: { kind: 'proxyCrash', once: true } });
    ok(lab, { type: 'backup.run', job: 'nightly' });
    lab.advance(3_600_000);
    expect(lab.state().backupJobs[0].runs[0].state).toBe('failed');
    ok(lab, { type: 'backup.run', job: 'nightly' });
    let copies = 0;
    let readingCopies = 0;
    const checkpoints: { at: number; copy: Lab }[] = [];
    while (lab.state().backupJobs[0].running) {
      const fork = lab.fork();
      expect(fork, `no copy at ${lab.now} ms: something in flight was scheduled as a closure`).not.toBeNull();
      if (fork) {
        copies++;
        const reading = lab.state().backupJobs[0].runs[1].vms.some((v) => v.steps.some((s) => s.kind === 'transfer' && s.end === null));
        if (reading) readingCopies++;
        if (checkpoints.length < 6 && copies % 5 === 1) checkpoints.push({ at: lab.now, copy: fork.lab });
      }
      lab.advance(3000);
    }
    expect(readingCopies).toBeGreaterThan(5);
    expect(checkpoints.length).toBeGreaterThan(2);
    // Run the lab and every copy on to the same moment: they show exactly the same state.
    const end = lab.now + 2 * 3_600_000;
    lab.advance(end - lab.now);
    const want = JSON.stringify(lab.state());
    for (const c of checkpoints) {
      c.copy.advance(end - c.copy.now);
      expect(JSON.stringify(c.copy.state()), `the copy taken at ${c.at} ms`).toBe(want);
    }
    // EXCH01 and FS01 are backed up (WEB01 runs Linux: no application-aware processing there).
    const states = new Map(lab.state().backupJobs[0].runs[1].vms.map((v) => [v.vm, v.state]));
    expect(states.get('exch01')).toBe('success');
    expect(['success', 'warning']).toContain(states.get('fs01'));
  });
});
