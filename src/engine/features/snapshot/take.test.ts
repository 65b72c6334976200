import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, runTask, settle, vmOf, diskOf, names, MiB } from '../../testing/harness';
import { Lab } from '../../lab/lab';

describe('taking a snapshot (vmware-snapshots.md)', () => {
  it('rule 1: a snapshot is per VM and records every dependent disk and the power state', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'disk2', capacityGB: 5 }] } });
    expect(take(lab, 's1').state).toBe('success');
    const vm = vmOf(lab.state());
    expect(vm.snapshots).toHaveLength(1);
    expect(vm.snapshots[0].files.map((f) => f.disk)).toEqual(['disk1', 'disk2']);
    expect(vm.snapshots[0].powerState).toBe('poweredOn');
    expect(vm.snapshots[0].memory).toBe(false);
  });

  it('rule 2: the leaf turns read-only and the disk gets a new empty delta the guest writes to', () => {
    const lab = smallLab();
    take(lab, 's1');
    let d = diskOf(lab.state());
    expect(names(d)).toEqual(['VM1.vmdk', 'VM1-000001.vmdk']);
    expect(d.chain[1].dataBytes).toBe(0);
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 4096 });
    d = diskOf(lab.state());
    expect(d.chain[1].dataBytes).toBe(4096);
    take(lab, 's2');
    d = diskOf(lab.state());
    expect(d.chain.map((c) => c.dataBytes).slice(1)).toEqual([4096, 0]);
  });

  it('rule 3: each snapshot records the file that was the leaf; the first records the base disk', () => {
    const lab = smallLab();
    take(lab, 's1');
    take(lab, 's2');
    const vm = vmOf(lab.state());
    expect(vm.snapshots[0].files[0].file).toBe('[ds1] VM1/VM1.vmdk');
    expect(vm.snapshots[1].files[0].file).toBe('[ds1] VM1/VM1-000001.vmdk');
  });

  it('rule 4: independent disks get no delta and keep their writes across take and revert', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'ip', capacityGB: 4, mode: 'independent-persistent', thin: true, usedGB: 0 }] } });
    take(lab, 's1');
    const s = lab.state();
    expect(diskOf(s, 'vm1', 'ip').chain).toHaveLength(1);
    expect(vmOf(s).snapshots[0].files.map((f) => f.disk)).toEqual(['disk1']);
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'ip', offset: 0, length: 2 * MiB });
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 's1' });
    expect(diskOf(lab.state(), 'vm1', 'ip').chain[0].dataBytes).toBe(2 * MiB);
  });

  it('rule 4: a nonpersistent disk writes to a redo log that power off discards', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'np', capacityGB: 4, mode: 'independent-nonpersistent' }] } });
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'np', offset: 0, length: 8192 });
    let np = diskOf(lab.state(), 'vm1', 'np');
    expect(np.chain).toHaveLength(2);
    expect(np.chain[1].format).toBe('redo');
    expect(np.chain[1].dataBytes).toBe(8192);
    take(lab, 's1');
    expect(diskOf(lab.state(), 'vm1', 'np').chain).toHaveLength(2);
    runTask(lab, { type: 'vm.powerOff', vm: 'vm1' });
    np = diskOf(lab.state(), 'vm1', 'np');
    expect(np.chain).toHaveLength(1);
    expect(lab.state().datastores[0].files.some((f) => f.path.includes('REDO'))).toBe(false);
  });

  it('rule 4: a physical-mode RDM gets no delta and a virtual-mode RDM does', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'vrdm', capacityGB: 4, rdm: 'virtual' }, { id: 'prdm', capacityGB: 4, rdm: 'physical' }] } });
    take(lab, 's1');
    let s = lab.state();
    expect(diskOf(s, 'vm1', 'vrdm').chain).toHaveLength(2);
    expect(diskOf(s, 'vm1', 'prdm').chain).toHaveLength(1);
    expect(vmOf(s).snapshots[0].files.map((f) => f.disk)).toEqual(['disk1', 'vrdm']);
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'prdm', offset: 0, length: 2 * MiB });
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 's1' });
    runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
    s = lab.state();
    expect(diskOf(s, 'vm1', 'prdm').chain).toHaveLength(1);
    expect(diskOf(s, 'vm1', 'prdm').chain[0].dataBytes).toBeGreaterThanOrEqual(2 * MiB);
    expect(diskOf(s, 'vm1', 'vrdm').chain).toHaveLength(1);
  });

  it('rule 4: a memory snapshot of a running VM with a physical-mode RDM is refused, with a virtual-mode one taken', () => {
    const phys = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'prdm', capacityGB: 4, rdm: 'physical' }] } });
    const t = take(phys, 'm', { memory: true });
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/independent disks/);
    expect(vmOf(phys.state()).snapshots).toHaveLength(0);
    const virt = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'vrdm', capacityGB: 4, rdm: 'virtual' }] } });
    expect(take(virt, 'm', { memory: true }).state).toBe('success');
  });

  it('rule 5: a memory snapshot writes the RAM into the .vmsn before 6.0 and a separate .vmem from 6.0', () => {
    for (const [host, vmem] of [['4.0', false], ['6.0', true]] as const) {
      const lab = smallLab({ host, fs: host === '6.0' ? 'vmfs5' : 'vmfs3' });
      take(lab, 'm', { memory: true });
      const files = lab.state().datastores[0].files;
      const vmsn = files.find((f) => f.path.endsWith('.vmsn'))!;
      const mem = files.find((f) => f.path.endsWith('.vmem'));
      expect(vmsn.path).toBe('VM1/VM1-Snapshot1.vmsn');
      if (vmem) {
        expect(mem!.sizeBytes).toBe(1024 * MiB);
        expect(vmsn.sizeBytes).toBeLessThan(1 * MiB);
      } else {
        expect(mem).toBeUndefined();
        expect(vmsn.sizeBytes).toBeGreaterThanOrEqual(1024 * MiB);
      }
      expect(vmOf(lab.state()).snapshots[0].consistency).toBe('memory');
    }
  });

  it('rule 5: without memory the .vmsn is small; a suspended VM always includes memory', () => {
    const lab = smallLab();
    take(lab, 'plain');
    const vmsn = lab.state().datastores[0].files.find((f) => f.path.endsWith('.vmsn'))!;
    expect(vmsn.sizeBytes).toBeLessThan(4 * MiB);
    runTask(lab, { type: 'vm.suspend', vm: 'vm1' });
    take(lab, 'susp');
    const s = vmOf(lab.state()).snapshots[1];
    expect(s.memory).toBe(true);
    expect(s.powerState).toBe('suspended');
  });

  it('rule 5: a memory snapshot of a powered-on VM with an independent disk is refused', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'ip', capacityGB: 4, mode: 'independent-persistent' }] } });
    const t = take(lab, 'm', { memory: true });
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/independent disks/);
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
  });

  it('rule 6 (VA; PowerCLI listings): each disk numbers its own deltas: EXCH01-000001.vmdk and EXCH01_1-000001.vmdk', () => {
    const lab = smallLab({ vm: { name: 'EXCH01', disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'disk2', capacityGB: 5 }] } });
    const before = lab.state().datastores[0].files.find((f) => f.path.endsWith('.vmsd'))!;
    expect(before.sizeBytes).toBe(0);
    take(lab, 's1');
    const first = lab.state().datastores[0].files.map((f) => f.path);
    expect(first).toEqual(expect.arrayContaining(['EXCH01/EXCH01-000001.vmdk', 'EXCH01/EXCH01-000001-delta.vmdk', 'EXCH01/EXCH01_1-000001.vmdk', 'EXCH01/EXCH01_1-000001-delta.vmdk']));
    expect(first.some((p) => /000002/.test(p))).toBe(false);
    take(lab, 's2');
    const s = lab.state();
    expect(names(diskOf(s, 'vm1', 'disk1'))).toEqual(['EXCH01.vmdk', 'EXCH01-000001.vmdk', 'EXCH01-000002.vmdk']);
    expect(names(diskOf(s, 'vm1', 'disk2'))).toEqual(['EXCH01_1.vmdk', 'EXCH01_1-000001.vmdk', 'EXCH01_1-000002.vmdk']);
    expect(s.datastores[0].files.find((f) => f.path.endsWith('.vmsd'))!.sizeBytes).toBeGreaterThan(0);
  });

  it('rule 6: an independent disk between two dependent ones leaves the numbering of each disk alone', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'a', capacityGB: 2 }, { id: 'ind', capacityGB: 2, mode: 'independent-persistent' }, { id: 'b', capacityGB: 2 }] } });
    take(lab, 's1');
    const s = lab.state();
    expect(names(diskOf(s, 'vm1', 'a'))).toEqual(['VM1.vmdk', 'VM1-000001.vmdk']);
    expect(names(diskOf(s, 'vm1', 'ind'))).toEqual(['VM1_1.vmdk']);
    expect(names(diskOf(s, 'vm1', 'b'))).toEqual(['VM1_2.vmdk', 'VM1_2-000001.vmdk']);
  });

  it('rule 6: snapshot uids are never reused after a delete, while delta numbers are', () => {
    const lab = smallLab();
    take(lab, 's1');
    runTask(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: 's1' });
    take(lab, 's2');
    const s = lab.state();
    expect(s.datastores[0].files.some((f) => f.path === 'VM1/VM1-Snapshot2.vmsn')).toBe(true);
    expect(names(diskOf(s))).toEqual(['VM1.vmdk', 'VM1-000001.vmdk']);
  });

  it('rule 13, rule 26: deltas a failed merge left behind lengthen the disk chain but are not snapshots: the limit counts the snapshot tree', () => {
    const lab = smallLab({ host: '4.0', capacityGB: 600 });
    // Nine failed deletes, each leaving one delta that no snapshot names (rule 26).
    for (let i = 1; i <= 9; i++) {
      take(lab, `gone${i}`);
      ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'fileLock', once: true } });
      const r = ok(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: vmOf(lab.state()).snapshots.find((x) => x.name === `gone${i}`)!.id });
      settle(lab);
      expect(lab.state().tasks.find((t) => t.id === r.task)!.state).toBe('error');
    }
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    for (let i = 1; i <= 32; i++) expect(take(lab, `s${i}`).state).toBe('success');
    const files = diskOf(lab.state()).chain.length;
    expect(files).toBe(1 + 9 + 32);          // the base, the nine orphans, 31 snapshot deltas and the leaf
    const t = take(lab, 's33');
    expect(t.error?.message).toBe('Exceeded the maximum number of permitted snapshots.');
    expect(vmOf(lab.state()).snapshots).toHaveLength(32);
  });

  it('rule 13: a 33rd snapshot in one chain fails; snapshot.maxSnapshots sets the limit, 0 forbids', () => {
    const lab = smallLab({ capacityGB: 400 });
    for (let i = 1; i <= 32; i++) expect(take(lab, `s${i}`).state).toBe('success');
    const t = take(lab, 's33');
    expect(t.state).toBe('error');
    expect(t.error?.message).toBe('Exceeded the maximum number of permitted snapshots.');
    expect(vmOf(lab.state()).snapshots).toHaveLength(32);

    const limited = smallLab({ vm: { vmx: { 'snapshot.maxSnapshots': 2 } } });
    take(limited, 'a');
    take(limited, 'b');
    expect(take(limited, 'c').state).toBe('error');
    const none = smallLab({ vm: { vmx: { 'snapshot.maxSnapshots': 0 } } });
    expect(take(none, 'a').state).toBe('error');
  });

  it('rule 16: a disk that with the snapshot overhead exceeds the largest file fails the take', () => {
    // VMFS3 with 1 MB blocks: files up to 256 GB, about 2 GB overhead.
    const lab = smallLab({ capacityGB: 600, vm: { disks: [{ id: 'disk1', capacityGB: 255 }] } });
    const t = take(lab, 'big');
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/larger than the maximum size supported by datastore 'ds1'/);
    const fits = smallLab({ capacityGB: 600, vm: { disks: [{ id: 'disk1', capacityGB: 250 }] } });
    expect(take(fits, 'ok').state).toBe('success');
    // KB 1012384: 254 GB is the largest disk a snapshot fits on 1 MB blocks; the overhead grows with
    // the disk, so 2 MB blocks stop at 508 GB (a fixed 2 GB would let 509 through).
    expect(take(smallLab({ capacityGB: 600, vm: { disks: [{ id: 'disk1', capacityGB: 254 }] } }), 'edge').state).toBe('success');
    const twoMB = (gb: number) => new Lab({
      hosts: [{ id: 'esx01', version: '4.0' }], datastores: [{ id: 'ds1', capacityGB: 1200, blockSizeMB: 2 }],
      vms: [{ id: 'vm1', memoryMB: 256, disks: [{ id: 'disk1', capacityGB: gb }] }],
    });
    expect(take(twoMB(508), 'ok').state).toBe('success');
    expect(take(twoMB(509), 'too big').error?.message).toMatch(/larger than the maximum size supported/);
  });

  it('rule 17: a disk-only take stuns well under a second; a memory take lasts as long as writing the RAM', () => {
    const lab = smallLab({ MBps: 64 });
    const t = take(lab, 'quick');
    expect(t.completedAt! - t.startedAt!).toBeLessThan(1000);
    const m = take(lab, 'mem', { memory: true });
    // 1 GiB at 64 MB/s: 16 s, plus a stun of under a second at each end.
    expect(m.completedAt! - m.startedAt!).toBeGreaterThanOrEqual(16000);
    expect(m.completedAt! - m.startedAt!).toBeLessThan(17200);
  });

  it('rule 17 (KB 76687, lazy checkpointing): the VM keeps running while its memory is written; only the start and the end stun it', () => {
    const lab = smallLab({ MBps: 64, vm: { memoryMB: 1024 } });
    const r = ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 'm', memory: true });
    const stunnedAt: number[] = [];
    let writesLanded = 0;
    for (let t = 0; t < 18_000; t += 100) {
      lab.advance(100);
      const s = lab.state();
      const vm = vmOf(s);
      if (vm.stunned) stunnedAt.push(lab.now);
      const task = s.tasks.find((x) => x.id === r.task)!;
      // Mid-write: running, not stunned, and a guest write goes straight into the new delta.
      if (t === 8_000) {
        expect(task.state).toBe('running');
        expect(vm.savingMemory).toBe(true);
        expect(vm.stunned).toBe(false);
        const before = diskOf(s).chain.at(-1)!.dataBytes;
        ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 65536 });
        writesLanded = diskOf(lab.state()).chain.at(-1)!.dataBytes - before;
      }
    }
    settle(lab);
    expect(writesLanded).toBe(65536);
    // Stunned only in two short spells: under a second after the start and under a second at the end.
    expect(stunnedAt.length).toBeGreaterThan(0);
    expect(stunnedAt.filter((at) => at > 1000 && at < 16_000)).toEqual([]);
    expect(stunnedAt.length).toBeLessThanOrEqual(12);
    const kinds = lab.state().events.map((e) => e.kind);
    expect(kinds.indexOf('vm.snapshotCreated')).toBeLessThan(kinds.indexOf('vm.checkpointDone'));
    expect(vmOf(lab.state())).toMatchObject({ savingMemory: false, stunned: false });
  });

  it('rule 17: progress rises while a memory snapshot is written', () => {
    const lab = smallLab({ MBps: 64 });
    const r = ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 'm', memory: true });
    lab.advance(8000);
    const mid = lab.state().tasks.find((t) => t.id === r.task)!;
    expect(mid.state).toBe('running');
    expect(mid.progress).toBeGreaterThan(30);
    expect(mid.progress).toBeLessThan(70);
    settle(lab);
  });

  it('rule 27: quiesce is ignored when the VM is off or Tools is not running', () => {
    const off = smallLab({ vm: { power: 'poweredOff' } });
    take(off, 'cold', { quiesce: true });
    const s1 = vmOf(off.state()).snapshots[0];
    expect([s1.quiesced, s1.consistency]).toEqual([false, 'poweredOff']);
    const noTools = smallLab({ vm: { tools: { status: 'notRunning', build: 208167, vss: true } } });
    take(noTools, 'hot', { quiesce: true });
    const s2 = vmOf(noTools.state()).snapshots[0];
    expect([s2.quiesced, s2.consistency]).toEqual([false, 'crash']);
    expect(noTools.state().events.some((e) => e.kind === 'quiesce.ignored')).toBe(true);
  });

  it('rule 27: memory and quiesce together: memory wins and nothing is quiesced', () => {
    const lab = smallLab();
    take(lab, 'both', { memory: true, quiesce: true });
    const s = vmOf(lab.state()).snapshots[0];
    expect([s.memory, s.quiesced, s.consistency]).toEqual([true, false, 'memory']);
    expect(lab.state().events.some((e) => e.kind === 'quiesce.start')).toBe(false);
  });

  it('rule 28: a quiesce failure fails the whole task with vCenter\'s message and leaves no snapshot and no delta', () => {
    const lab = smallLab({ vm: { apps: ['exchange'] } });
    const filesBefore = lab.state().datastores[0].files.map((f) => f.path);
    ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'retryable', once: true } });
    const t = take(lab, 'q', { quiesce: true });
    expect(t.state).toBe('error');
    expect(t.error!.message).toBe('An error occurred while saving the snapshot: Failed to quiesce the virtual machine.');
    expect(vmOf(lab.state()).snapshots).toEqual([]);
    expect(diskOf(lab.state()).chain).toHaveLength(1);
    expect(lab.state().datastores[0].files.map((f) => f.path)).toEqual(filesBefore);
    // The same take without the fault succeeds: it was the quiesce that failed the task.
    expect(take(lab, 'q', { quiesce: true }).state).toBe('success');
  });

  it('a take is refused at once for a missing name and changes nothing', () => {
    const lab = smallLab();
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'snapshot.take', vm: 'vm1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_COMMAND');
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});

describe('datastoreSlow (a fault of docs/commands.md)', () => {
  it('slows memory writes while it lasts; with "once" only the next copy, then it is used up', () => {
    const lab = smallLab({ MBps: 100 });
    const ms = (t: { completedAt: number | null; startedAt: number | null }) => t.completedAt! - t.startedAt!;
    const normal = ms(take(lab, 'a', { memory: true }));
    ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'datastoreSlow', datastore: 'ds1', MBps: 10, once: true } });
    expect(vmOf(lab.state()).faults.map((f) => f.kind)).toEqual(['datastoreSlow']);
    const slow = ms(take(lab, 'b', { memory: true }));
    expect(slow).toBeGreaterThan(normal * 8);
    expect(vmOf(lab.state()).faults).toEqual([]);
    expect(lab.state().datastores[0].MBps).toBe(100);
    expect(ms(take(lab, 'c', { memory: true }))).toBeLessThan(normal * 1.5);
    const lasting = ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'datastoreSlow', datastore: 'ds1', MBps: 10 } });
    expect(ms(take(lab, 'd', { memory: true }))).toBeGreaterThan(normal * 8);
    expect(ms(take(lab, 'e', { memory: true }))).toBeGreaterThan(normal * 8);
    ok(lab, { type: 'fault.clear', vm: 'vm1', fault: lasting.fault });
    expect(ms(take(lab, 'f', { memory: true }))).toBeLessThan(normal * 1.5);
  });
});
