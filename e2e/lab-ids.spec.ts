// Lab ids are the trainer's words, so they may be any word: a VM called "constructor" or "toString",
// a disk called "t", a datastore called "valueOf". The page never uses them as plain-object keys (an
// inherited property would stand in for a missing entry), and a panel that fails alone says so.
import { test, expect } from './fixtures';

const oddLab = {
  name: 'Odd ids',
  hosts: [{ id: 'hasOwnProperty', version: '4.1' }],
  datastores: [{ id: 'valueOf', capacityGB: 200 }],
  vms: [
    { id: 'constructor', name: 'CONSTRUCTOR', power: 'poweredOn', disks: [{ id: 't', capacityGB: 40 }, { id: 'toString', capacityGB: 20 }] },
    { id: 'toString', name: 'TOSTRING', power: 'poweredOn' },
  ],
};

test('a lab whose VMs are called "constructor" and "toString" renders, and its console works', async ({ page, lab }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  expect(await lab.load(oddLab)).toMatchObject({ ok: true });
  await lab.selectVm('CONSTRUCTOR');
  await expect(page.getByRole('region', { name: 'Snapshot tree' })).toBeVisible();
  const consoleRegion = page.getByRole('region', { name: 'Guest console' });
  const input = consoleRegion.getByRole('textbox', { name: /Command for CONSTRUCTOR/ });
  await input.fill('vssadmin list writers');
  await input.press('Enter');
  await expect(consoleRegion.getByRole('log')).toContainText('C:\\>vssadmin list writers');

  // A snapshot and some writes: the Datastore charts sample every id.
  expect((await lab.dispatch({ type: 'snapshot.take', vm: 'constructor', name: 'odd' })).ok).toBe(true);
  expect((await lab.dispatch({ type: 'guest.write', vm: 'constructor', disk: 't', offset: 0, length: 64 * 1024 ** 2 })).ok).toBe(true);
  await lab.advance(60_000);
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot odd/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Datastore' })).toBeVisible();

  await lab.selectVm('TOSTRING');
  const other = consoleRegion.getByRole('textbox', { name: /Command for TOSTRING/ });
  await other.fill('help');
  await other.press('Enter');
  await expect(consoleRegion.getByRole('log')).toContainText('vssadmin list writers');
  await expect(consoleRegion.getByRole('log')).not.toContainText('C:\\>vssadmin list writers');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a panel that fails says which one it is, and the rest of the page keeps working', async ({ page, lab }) => {
  // Make the guest console, and only it, fail to draw one VM: it lowercases a Linux VM's name for its prompt.
  await page.addInitScript(() => {
    const lower = String.prototype.toLowerCase;
    String.prototype.toLowerCase = function (this: string) {
      if (String(this) === 'BOOM') throw new Error('the console could not draw BOOM');
      return lower.call(this);
    };
  });
  await lab.open();
  expect(await lab.load({ name: 'Boom', vms: [{ id: 'boom', name: 'BOOM', guest: 'linux' }, { id: 'calm', name: 'CALM' }] })).toMatchObject({ ok: true });
  await lab.selectVm('BOOM');
  const failed = page.getByRole('alert').filter({ hasText: 'The Guest console panel stopped working' });
  await expect(failed).toContainText('the console could not draw BOOM');
  // The rest works: the tree takes a snapshot, and the other VM's console comes back.
  expect((await lab.dispatch({ type: 'snapshot.take', vm: 'boom', name: 'still here' })).ok).toBe(true);
  await lab.advance(60_000);
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot still here/ })).toBeVisible();
  await lab.selectVm('CALM');
  await failed.getByRole('button', { name: 'Show Guest console again' }).click();
  const input = page.getByRole('region', { name: 'Guest console' }).getByRole('textbox', { name: /Command for CALM/ });
  await input.fill('help');
  await input.press('Enter');
  await expect(page.getByRole('region', { name: 'Guest console' }).getByRole('log')).toContainText('vssadmin');
});
