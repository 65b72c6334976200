import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, runTask, vmOf, diskOf, MiB, GiB } from '../../testing/harness';

describe('limits, guidance and datastore space (vmware-snapshots.md)', () => {
  it('rule 14 (SEED; no vSphere event exists): past 20 snapshots SnapLab gives its own advice, never a vCenter warning', () => {
    const lab = smallLab({ capacityGB: 400 });
    for (let i = 1; i <= 20; i++) take(lab, `s${i}`);
    expect(vmOf(lab.state()).warnings.map((w) => w.code)).not.toContain('SNAPSHOT_CHAIN_LONG');
    take(lab, 's21');
    const s = lab.state();
    expect(vmOf(s).warnings.find((w) => w.code === 'SNAPSHOT_CHAIN_LONG')).toMatchObject({ source: 'SnapLab' });
    const advice = s.events.filter((e) => e.kind === 'snapshot.advice');
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({ source: 'SnapLab', message: expect.stringMatching(/^SnapLab advice \(not a vSphere event\)/) });
    // Nothing in the lab's log claims a warning from vCenter about the chain's length.
    expect(s.events.filter((e) => e.source === 'vCenter' && /20 snapshots|performance/i.test(e.message))).toEqual([]);
  });

  it('rule 14: a snapshot kept longer than 72 hours is flagged against best practice', () => {
    const lab = smallLab();
    take(lab, 'old');
    lab.advance(71 * 3600_000);
    expect(vmOf(lab.state()).warnings.map((w) => w.code)).not.toContain('SNAPSHOT_OLD');
    lab.advance(2 * 3600_000);
    expect(vmOf(lab.state()).warnings.find((w) => w.code === 'SNAPSHOT_OLD')).toMatchObject({ source: 'SnapLab' });
  });

  it('rule 15: a delta that cannot grow pauses the VM with the redo-log question; Retry needs space, Abort powers off', () => {
    const lab = smallLab({ capacityGB: 15, vm: { memoryMB: 256 } });
    take(lab, 's1');
    const free = lab.state().datastores[0].freeBytes;
    // Fill the datastore: the write that needs one growth step more than there is pauses the VM.
    const r = lab.dispatch({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: free + 64 * MiB });
    expect(r.ok).toBe(true);
    let vm = vmOf(lab.state());
    expect(vm.question?.text).toBe('There is no more space for the redo log of VM1-000001.vmdk. You may be able to continue this session by freeing disk space on the relevant partition, and clicking Retry. Otherwise, click Abort to terminate this session.');
    expect(vm.power).toBe('poweredOn');
    expect(lab.dispatch({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 512 })).toMatchObject({ ok: false, error: { code: 'VM_PAUSED' } });
    // Retry without freeing space: still paused.
    ok(lab, { type: 'vm.answer', vm: 'vm1', answer: 'retry' });
    expect(vmOf(lab.state()).question).not.toBeNull();
    ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityGB: 20 });
    ok(lab, { type: 'vm.answer', vm: 'vm1', answer: 'retry' });
    vm = vmOf(lab.state());
    expect(vm.question).toBeNull();
    expect(diskOf(lab.state()).chain[1].dataBytes).toBe(Math.ceil((free + 64 * MiB) / 512) * 512);
    const used = lab.state().datastores[0];
    expect(used.usedBytes).toBeLessThanOrEqual(used.capacityBytes);
  });

  it('rule 15: Abort powers the VM off', () => {
    const lab = smallLab({ capacityGB: 12, vm: { memoryMB: 256 } });
    take(lab, 's1');
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 3 * GiB });
    expect(vmOf(lab.state()).question).not.toBeNull();
    ok(lab, { type: 'vm.answer', vm: 'vm1', answer: 'abort' });
    const vm = vmOf(lab.state());
    expect([vm.power, vm.question]).toEqual(['poweredOff', null]);
    expect(lab.dispatch({ type: 'vm.answer', vm: 'vm1', answer: 'retry' })).toMatchObject({ ok: false, error: { code: 'NO_QUESTION' } });
  });

  it('rule 15: other VMs on the full datastore that must grow stall too', () => {
    const lab = smallLab({
      capacityGB: 26, vm: { memoryMB: 256 },
      more: [{ id: 'vm2', name: 'VM2', memoryMB: 256, disks: [{ id: 'disk1', capacityGB: 10 }], workload: { profile: 'fileserver', writeIOPS: 50 } }],
    });
    take(lab, 's1');
    take(lab, 's2', {}, 'vm2');
    // VM1 fills the datastore 256 MB at a time until it pauses.
    for (let i = 0; !vmOf(lab.state()).question; i++) ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: i * 256 * MiB, length: 256 * MiB });
    lab.advance(10 * 60_000);
    const vm2 = vmOf(lab.state(), 'vm2');
    expect(vm2.question?.text).toMatch(/no more space for the redo log of VM2-000001.vmdk/);
    const ds = lab.state().datastores[0];
    expect(ds.usedBytes).toBeLessThanOrEqual(ds.capacityBytes);
  });

  it('rule 15: a thin base disk that cannot grow asks the same way', () => {
    const lab = smallLab({ capacityGB: 8, vm: { memoryMB: 256, disks: [{ id: 'disk1', capacityGB: 20, thin: true, usedGB: 1 }] } });
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 2 * GiB, length: 8 * GiB });
    expect(vmOf(lab.state()).question?.text).toMatch(/^There is no more space for virtual disk VM1.vmdk/);
    expect(runTask(lab, { type: 'snapshot.take', vm: 'vm1', name: 'x' }).state).toBe('error');
  });
});

describe('a write burst on a nearly full datastore (rule 15)', () => {
  it('fills the datastore to the brim before the VM pauses, and Retry writes the rest once there is room', () => {
    const lab = smallLab({ capacityGB: 16, vm: { memoryMB: 256, disks: [{ id: 'disk1', capacityGB: 10 }] } });
    take(lab, 's1');
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 8 * GiB });
    const s = lab.state();
    expect(vmOf(s).question).not.toBeNull();
    // Less than one 16 MB growth step is left.
    expect(s.datastores[0].freeBytes).toBeLessThan(16 * MiB);
    ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityGB: 30 });
    ok(lab, { type: 'vm.answer', vm: 'vm1', answer: 'retry' });
    expect(vmOf(lab.state()).question).toBeNull();
    expect(diskOf(lab.state()).chain[1].dataBytes).toBe(8 * GiB);
  });

  it('rule 4: the datastore browser shows an RDM\'s mapping file (-rdm / -rdmp) of 0 bytes beside its descriptor, and the capacity is the LUN\'s', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'vrdm', capacityGB: 50, rdm: 'virtual' }, { id: 'prdm', capacityGB: 60, rdm: 'physical' }] } });
    const s = lab.state();
    const files = s.datastores[0].files.filter((f) => f.vm === 'vm1').map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['VM1/VM1_1.vmdk', 'VM1/VM1_1-rdm.vmdk', 'VM1/VM1_2.vmdk', 'VM1/VM1_2-rdmp.vmdk']));
    expect(files).not.toContain('VM1/VM1_1-flat.vmdk');
    expect(files).not.toContain('VM1/VM1_2-flat.vmdk');
    for (const p of ['VM1/VM1_1-rdm.vmdk', 'VM1/VM1_2-rdmp.vmdk']) expect(s.datastores[0].files.find((f) => f.path === p)!.sizeBytes).toBe(0);
    expect(diskOf(s, 'vm1', 'vrdm').capacityBytes).toBe(50 * GiB);
    expect(diskOf(s, 'vm1', 'prdm').capacityBytes).toBe(60 * GiB);
    // 100 GB datastore: two LUNs of 110 GB together still fit, they take no datastore space.
    expect(s.datastores[0].freeBytes).toBeGreaterThan(80 * GiB);
  });
});
