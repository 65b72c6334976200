import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, runTask, settle, vmOf, diskOf, names, snapId, MiB, GiB } from '../../testing/harness';
import type { Lab } from '../../lab/lab';
import { HELPER_SYNC_LIMIT_MS } from './mergeOne';

const write = (lab: Lab, offset: number, length: number) => ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset, length });
const kinds = (lab: Lab) => lab.state().events.filter((e) => e.vm === 'vm1').map((e) => e.kind);

/**
 * Delete the only snapshot of a running VM whose delta holds 1000 MiB (50 s at 20 MB/s), while the
 * guest writes 400 MiB of new data during the first 50 s and 100 MiB during the next 20 s. Samples the
 * VM's stun every 100 ms and returns the longest unbroken stun and the task's duration.
 */
function busyDelete(host: string) {
  const lab = smallLab({ host, MBps: 20, vm: { disks: [{ id: 'disk1', capacityGB: 20 }] } });
  take(lab, 's1');
  write(lab, 0, 1000 * MiB);
  const task = ok(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: snapId(lab.state(), 's1') }).task!;
  let longest = 0;
  let run = 0;
  let helperSeen: string[] = [];
  for (let t = 0; t < 200_000 && lab.state().tasks.find((x) => x.id === task)!.state === 'running'; t += 100) {
    if (t === 10_000) write(lab, 2 * GiB, 400 * MiB);
    if (t === 55_000) write(lab, 3 * GiB, 100 * MiB);
    lab.advance(100);
    const vm = vmOf(lab.state());
    run = vm.stunned ? run + 100 : 0;
    longest = Math.max(longest, run);
    const helpers = diskOf(lab.state()).chain.filter((c) => c.consolidateHelper).map((c) => c.file.replace(/^.*\//, ''));
    if (helpers.length) helperSeen = [...new Set([...helperSeen, ...helpers])];
  }
  const t = lab.state().tasks.find((x) => x.id === task)!;
  return { lab, t, longest, helperSeen, ms: t.completedAt! - t.startedAt! };
}

describe('consolidation by host version (vmware-snapshots.md rule 17)', () => {
  it('rule 17 (Broadcom KB 337175; Hogan, vSphere 6.0 notes): before 6.0 a running VM\'s merge goes through Consolidate Helper deltas in repeated passes and a final stunned pass', () => {
    const { lab, t, longest, helperSeen } = busyDelete('5.5');
    expect(t.state).toBe('success');
    // Pass 1 copies the 1000 MiB while the guest writes into helper VM1-000002 (numbered per disk);
    // its 400 MiB need 20 s, more than 12 s, so pass 2 copies it while a second helper takes the
    // writes; that one's 100 MiB need 5 s: the VM stands still for them.
    expect(helperSeen[0]).toBe('VM1-000002.vmdk');
    expect(helperSeen).toHaveLength(2);
    const ks = kinds(lab);
    expect(ks.filter((k) => k === 'disk.consolidateHelper')).toHaveLength(2);
    expect(ks.filter((k) => k === 'disk.mergeIteration')).toHaveLength(1);
    expect(lab.state().events.find((e) => e.kind === 'disk.mergeIteration')!.message).toMatch(/^Another iteration is needed/);
    expect(lab.state().events.find((e) => e.kind === 'disk.helperMerged')!.message).toContain('after 2 passes');
    expect(longest).toBeGreaterThanOrEqual(5000);
    expect(longest).toBeLessThan(HELPER_SYNC_LIMIT_MS);
    expect(names(diskOf(lab.state()))).toEqual(['VM1.vmdk']);
  });

  it('rule 17 (Hogan, "Snapshot consolidation changes in vSphere 6.0"): from 6.0 the mirror driver merges a busy VM in one pass with a short stun', () => {
    const { lab, t, longest, helperSeen, ms } = busyDelete('6.0');
    expect(t.state).toBe('success');
    expect(helperSeen).toEqual([]);
    expect(kinds(lab)).toContain('disk.mirrorMerge');
    expect(kinds(lab)).not.toContain('disk.mergeIteration');
    expect(longest).toBeLessThan(1000);
    // One pass over the 1000 MiB that were there: the guest's writes meanwhile were mirrored.
    expect(ms).toBeGreaterThanOrEqual(50_000);
    expect(ms).toBeLessThan(52_000);
    expect(names(diskOf(lab.state()))).toEqual(['VM1.vmdk']);
    // The same delete before 6.0 took longer and stunned the VM for seconds.
    expect(busyDelete('5.5').ms).toBeGreaterThan(ms + 20_000);
  });

  it('rule 17: a VM that writes nothing, or is powered off, merges in one pass on any host', () => {
    for (const host of ['4.0', '5.5', '6.5']) {
      const lab = smallLab({ host, MBps: 50, vm: { disks: [{ id: 'disk1', capacityGB: 10 }] } });
      take(lab, 's1');
      write(lab, 0, 500 * MiB);
      runTask(lab, { type: 'vm.powerOff', vm: 'vm1' });
      const t = runTask(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: snapId(lab.state(), 's1') });
      expect(t.state).toBe('success');
      expect(t.completedAt! - t.startedAt!).toBeLessThan(10_500);
      expect(kinds(lab)).not.toContain('disk.consolidateHelper');
    }
  });

  it('rule 17 (Broadcom KB 316414): merge time and free space grow with the delta: a 500 GB delta takes hours and needs room to merge', () => {
    const merge = (deltaGB: number, capacityGB: number) => {
      const lab = smallLab({ host: '6.5', fs: 'vmfs5', capacityGB, MBps: 50,
        vm: { deltaFormat: 'seSparse', disks: [{ id: 'disk1', capacityGB: 600, thin: true, usedGB: 10 }] } });
      take(lab, 's1');
      write(lab, 20 * GiB, deltaGB * GiB);
      ok(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: snapId(lab.state(), 's1') });
      settle(lab, 48 * 3600_000);
      return lab.state().tasks.at(-1)!;
    };
    const small = merge(5, 1100);
    const big = merge(500, 1100);
    expect(small.state).toBe('success');
    expect(big.state).toBe('success');
    const hours = (big.completedAt! - big.startedAt!) / 3600_000;
    expect(hours).toBeGreaterThan(2.5);   // 500 GiB at 50 MB/s: 2.8 h
    expect(big.completedAt! - big.startedAt!).toBeGreaterThan(90 * (small.completedAt! - small.startedAt!));
    // The thin base must grow by what the delta holds: without that much free space the merge fails.
    const cramped = merge(500, 900);
    expect(cramped.state).toBe('error');
    expect(cramped.error!.message).toMatch(/not enough space/);
  });
});
