// Walkthrough: writer failure and recovery. The Exchange writer fails at freeze, the quiesce aborts
// and the snapshot task fails; vssadmin shows the writer failed; restarting its service and clearing
// the fault brings it back to Stable, and the retry is application-consistent.
import { advanceBy, clearConsole, expect, test, typeInConsole } from './walkthrough';

const WRITER = 'Microsoft Exchange Writer';

test('writer failure and recovery', async ({ page, lab, walk }) => {
  const log = page.getByRole('region', { name: 'Guest console' }).getByRole('log');

  await walk.step('Break the Exchange writer at freeze', async () => {
    await lab.load('workshop');
    await lab.selectVm('EXCH01');
    const answer = await lab.dispatch({ type: 'fault.inject', vm: 'exch01', fault: { kind: 'writerError', writer: WRITER, phase: 'freeze', error: 'retryable' } });
    expect(answer.ok).toBe(true);
  });

  await walk.step('The quiesced snapshot fails', async () => {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'Nightly backup', quiesce: true })).ok).toBe(true);
    await advanceBy(lab, 30_000);
    const state = await lab.state();
    const task = state.tasks.find((t) => t.vm === 'exch01')!;
    expect(task.state).toBe('error');
    expect(task.error?.message).toMatch(/quiesce/i);
    const kinds = state.events.filter((e) => e.vm === 'exch01').map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['vss.abort', 'quiesce.failed']));
    expect(state.vms.find((v) => v.id === 'exch01')!.snapshots).toEqual([]);
    await expect(page.getByRole('region', { name: 'VSS timeline' }).getByRole('status')).toContainText(/failed at \w+, so VSS aborted the whole set/);
    await expect(page.getByRole('region', { name: 'Recent Tasks' })).toContainText('Failed');
  });

  await walk.step('vssadmin shows the culprit: the one writer whose last error is not "No error"', async () => {
    await typeInConsole(page, 'EXCH01', 'vssadmin list writers');
    await expect(log).toContainText('These may be delayed if a shadow copy is being prepared.');
    await expect(log).toContainText('State: [9] Failed');
    await expect(log).toContainText('Last error: Retryable error');
    // The bystanders were aborted in the same phase: Failed, but with "No error". Only Exchange has one.
    await expect(log).toContainText(/Writer name: 'System Writer'\n[^]*?State: \[9\] Failed\n\s*Last error: No error/);
    expect(((await log.textContent()) ?? '').match(/Last error: Retryable error/g)).toHaveLength(1);
    const writer = (await lab.state()).vms.find((v) => v.id === 'exch01')!.writers.find((w) => w.name === WRITER)!;
    expect(writer.state).toBe(9);
    expect(writer.lastError).not.toBe(0);
  });

  await walk.step('Clear the fault and restart the failed writers\' services', async () => {
    expect((await lab.dispatch({ type: 'fault.clear', vm: 'exch01' })).ok).toBe(true);
    // The abort left every writer of the set failed; each is reset by restarting the service it runs
    // in (the Exchange writer in the Information Store, the system writers in VSS, CryptSvc, Winmgmt).
    const writers = (await lab.state()).vms.find((v) => v.id === 'exch01')!.writers as { name: string; state: number; service?: string }[];
    const services = [...new Set(writers.filter((w) => w.state !== 1).map((w) => w.service ?? (w.name === WRITER ? 'MSExchangeIS' : 'VSS')))];
    expect(services).toContain('MSExchangeIS');
    for (const service of services) {
      await typeInConsole(page, 'EXCH01', `net stop ${service}`);
      await typeInConsole(page, 'EXCH01', `net start ${service}`);
    }
    await expect(log).toContainText('The Microsoft Exchange Information Store service was started successfully.');
    await lab.advance(30_000);
  });

  await walk.step('The writers are Stable again', async () => {
    await clearConsole(page, 'EXCH01');
    await typeInConsole(page, 'EXCH01', 'vssadmin list writers');
    await expect(log).toContainText("Writer name: 'Microsoft Exchange Writer'");
    await expect(log).not.toContainText('Failed');
    const writers = (await lab.state()).vms.find((v) => v.id === 'exch01')!.writers;
    expect(writers.find((w) => w.name === WRITER)).toMatchObject({ state: 1, lastError: 0 });
  });

  await walk.step('The retry is application-consistent', async () => {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'Nightly backup (retry)', quiesce: true })).ok).toBe(true);
    await advanceBy(lab, 60_000);
    const vm = (await lab.state()).vms.find((v) => v.id === 'exch01')!;
    expect(vm.snapshots).toHaveLength(1);
    expect(vm.snapshots[0]).toMatchObject({ name: 'Nightly backup (retry)', quiesced: true, consistency: 'application' });
    await expect(page.getByRole('region', { name: 'VSS timeline' }).getByRole('status')).toContainText('Application consistent');
  });
});
