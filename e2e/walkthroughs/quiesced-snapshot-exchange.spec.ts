// Walkthrough: a quiesced snapshot of Exchange. VMware Tools is the VSS requestor: the writers are
// asked to freeze, writes are held while the snapshot is taken, and the snapshot is
// application-consistent.
import { advanceBy, expect, test, typeInConsole } from './walkthrough';

const QUIESCE_ORDER = ['quiesce.start', 'script.freeze', 'vss.identify', 'vss.prepareBackup', 'vss.prepareSnapshot', 'vss.freeze',
  'vss.flushAndHold', 'vm.snapshotCreated', 'vss.releaseWrites', 'vss.thaw', 'vss.postSnapshot', 'script.thaw',
  'vss.backupComplete', 'vss.shadowDiscarded', 'quiesce.done'];

test('quiesced snapshot of Exchange', async ({ page, lab, walk }) => {
  await walk.step('Open the workshop lab and select EXCH01', async () => {
    await lab.load('workshop');
    await lab.selectVm('EXCH01');
    await expect(page.getByRole('heading', { name: 'EXCH01', level: 1 }).or(page.getByText('EXCH01', { exact: true }).first())).toBeVisible();
  });

  await walk.step('List the VSS writers in the guest', async () => {
    await typeInConsole(page, 'EXCH01', 'vssadmin list writers');
    const log = page.getByRole('region', { name: 'Guest console' }).getByRole('log');
    await expect(log).toContainText("Writer name: 'Microsoft Exchange Writer'");
    await expect(log).toContainText('State: [1] Stable');
  });

  await walk.step('Take a snapshot with "Quiesce guest file system"', async () => {
    const answer = await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'Before SP2', description: 'Application-consistent', quiesce: true });
    expect(answer).toMatchObject({ ok: true, task: expect.any(String) });
    // Into the freeze: the writers are frozen and writes are held while the snapshot is taken.
    await lab.advance(2500);
    const kinds = (await lab.state()).events.filter((e) => e.vm === 'exch01').map((e) => e.kind);
    expect(kinds).toContain('vss.freeze');
  });

  await walk.step('Watch the quiesce complete on the VSS timeline', async () => {
    await advanceBy(lab, 60_000);
    await expect(page.getByRole('region', { name: 'VSS timeline' }).getByRole('status')).toContainText('Application consistent');
    const state = await lab.state();
    const kinds = state.events.filter((e) => e.vm === 'exch01').map((e) => e.kind).filter((k) => QUIESCE_ORDER.includes(k));
    // The quiesce's event order (docs/rules/vss.md), each kind's first appearance (writers answer each phase one by one).
    expect([...new Set(kinds)]).toEqual(QUIESCE_ORDER);
    expect(state.tasks.find((t) => t.vm === 'exch01')).toMatchObject({ name: 'Create virtual machine snapshot', state: 'success' });
  });

  await walk.step('The snapshot is application-consistent', async () => {
    const vm = (await lab.state()).vms.find((v) => v.id === 'exch01')!;
    expect(vm.snapshots).toHaveLength(1);
    expect(vm.snapshots[0]).toMatchObject({ name: 'Before SP2', quiesced: true, consistency: 'application' });
    await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByText('Application-consistent')).toBeVisible();
  });
});
