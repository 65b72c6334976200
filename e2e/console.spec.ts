import { test, expect } from './fixtures';

test('the guest console runs commands, with help and history', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  const console = page.getByRole('region', { name: 'Guest console' });
  const input = console.getByRole('textbox', { name: /Command for EXCH01/ });
  await input.fill('help');
  await input.press('Enter');
  const log = console.getByRole('log');
  await expect(log).toContainText('vssadmin list writers');

  await input.fill('vssadmin list writers');
  await input.press('Enter');
  await expect(log).toContainText('C:\\>vssadmin list writers');
  await expect(log).toContainText('Microsoft Exchange Writer');

  await input.press('ArrowUp');
  await expect(input).toHaveValue('vssadmin list writers');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('help');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('');
});
