import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { eventually, fieldError } from './ui';

/*
 * The Backups page: a backup by hand, a restore through its preview (the whole window then
 * shows the restored book), the check of a backup and of the audit log, automatic backups'
 * settings, and a backup that fails its check refused with the translated message.
 */

const backupTable = (page: Page) => page.getByRole('table', { name: 'Backups of this book, newest first' });

/** The table's body rows as their cells' text. */
const backupRows = (page: Page) =>
  backupTable(page)
    .locator('tbody tr[data-file]')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? '')),
    );

async function openBackups(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Backups', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();
}

describe('backups', () => {
  it('backs up by hand, restores it through the preview, and the whole app shows the restored book', async () => {
    const { page, api, reload } = await openApp({
      locale: 'en',
      setup: (client) => client.accounts.create({ kind: 'person', name: 'Kept Zhang' }),
    });
    await openBackups(page);
    await page.getByText('No backups yet.', { exact: false }).waitFor();
    const folder = (await api.backups.list()).folder;
    await page.getByText(folder, { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Back up now', exact: true }).click();
    await page.getByText(/^Backup taken \(.+\), checked and listed\.$/).waitFor();
    await expect.poll(() => backupRows(page)).toHaveLength(1);
    const [taken] = await backupRows(page);
    // Taken, kind, size, accounts, visits, consumption, contracts, verified.
    expect(taken?.slice(1, 8)).toEqual([
      'By hand',
      expect.stringMatching(/^\d+\.\d$/),
      '1',
      '0',
      '0',
      '0',
      '✓Verified when written',
    ]);
    const [manual] = (await api.backups.list()).backups;
    expect(manual?.reason).toBe('manual');

    // An account entered after the backup, seen in the list.
    await api.accounts.create({ kind: 'person', name: 'Later Li' });
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('link', { name: 'Later Li', exact: true }).waitFor();

    await openBackups(page);
    await backupTable(page).getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    const preview = dialog.getByRole('table', { name: 'Records in the backup and in the book now' });
    const accountsRow = preview.getByRole('row', { name: /^Accounts/ });
    await expect.poll(() => accountsRow.getByRole('cell').allTextContents()).toEqual(['1', '2']);
    await dialog
      .getByText('A safety backup of the book as it is now is taken first', { exact: false })
      .waitFor();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

    // The window reloads on the restored book and says where the book as it was went.
    const notice = page.getByRole('status').filter({ hasText: 'The book was restored from' });
    await notice.waitFor();
    const listed = (await api.backups.list()).backups;
    const safety = listed.find((backup) => backup.reason === 'restore');
    expect(safety?.verifiedWhenWritten).toBe(true);
    expect(await notice.textContent()).toContain(`safety backup ${safety?.file ?? '?'}`);
    expect(await notice.textContent()).toContain(manual?.file ?? '?');
    await expect.poll(() => backupRows(page)).toHaveLength(2);
    const [newest] = await backupRows(page);
    expect(newest?.[1]).toBe('Before restore');
    expect(newest?.[3]).toBe('2');

    expect((await api.accounts.list({})).rows.map((row) => row.name)).toEqual(['Kept Zhang']);
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('link', { name: 'Kept Zhang', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Later Li', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Search', exact: false }).first().click();
    await page.getByRole('combobox', { name: 'Search accounts' }).fill('Later');
    await page.getByText('No account matches “Later”.').waitFor();

    // The restored backup checks sound; the audit log's chain holds across the restore.
    await openBackups(page);
    const manualRow = backupTable(page).locator(`tr[data-file="${manual?.file ?? '?'}"]`);
    await manualRow.getByRole('button', { name: 'Check', exact: true }).click();
    await manualRow.getByRole('status').filter({ hasText: 'Sound' }).waitFor();
    await page.getByRole('button', { name: 'Verify the audit log', exact: true }).click();
    await page.getByText(/^✓ \d+ entr(y|ies), chain intact$/).waitFor();

    // Delete is asked twice: the safety backup goes, the restored one stays.
    const safetyRow = backupTable(page).locator(`tr[data-file="${safety?.file ?? '?'}"]`);
    await safetyRow.getByRole('button', { name: 'Delete', exact: true }).click();
    expect((await api.backups.list()).backups).toHaveLength(2);
    await safetyRow.getByRole('button', { name: 'Confirm delete', exact: true }).click();
    await expect.poll(() => backupRows(page)).toHaveLength(1);
    expect((await api.backups.list()).backups.map((backup) => backup.file)).toEqual([manual?.file]);

    // Automatic backups: the form refuses what the contract would, then saves and keeps it.
    const automatic = page.getByRole('checkbox', { name: 'Back up automatically every day' });
    expect(await automatic.isChecked()).toBe((await api.settings.get()).backups.daily);
    await automatic.setChecked(false);
    const days = page.getByLabel('Days', { exact: true });
    await days.fill('99');
    await page.getByLabel('Weeks', { exact: true }).fill('5');
    await page.getByLabel('Months', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await fieldError(days)).toBe('A whole number from 0 to 60');
    expect(await fieldError(page.getByLabel('Months', { exact: true }))).toBe('A whole number from 0 to 120');
    await days.fill('10');
    await page.getByLabel('Months', { exact: true }).fill('6');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await eventually(async () => (await api.settings.get()).backups).toEqual({
      daily: false,
      keep: { daily: 10, weekly: 5, monthly: 6 },
    });
    await reload();
    await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();
    expect(await automatic.isChecked()).toBe(false);
    expect(await days.inputValue()).toBe('10');
    expect(await page.getByLabel('Weeks', { exact: true }).inputValue()).toBe('5');
    expect(await page.getByLabel('Months', { exact: true }).inputValue()).toBe('6');
  });

  it('refuses a backup changed on disk with the translated message, and the book stays as it is', async () => {
    const { page, api } = await openApp({
      setup: async (client) => {
        await client.accounts.create({ kind: 'person', name: '王芳' });
        await client.backups.create({ kind: 'manual' });
        await client.accounts.create({ kind: 'person', name: '李雷' });
      },
    });
    const { folder, backups } = await api.backups.list();
    const file = backups[0]?.file ?? '';
    appendFileSync(join(folder, file), 'changed after it was written');

    await page.getByRole('link', { name: '备份', exact: true }).click();
    const table = page.getByRole('table', { name: '此账本的备份，最新的在前' });
    const row = table.locator(`tr[data-file="${file}"]`);
    await row.getByRole('button', { name: '检查', exact: true }).click();
    await row.getByRole('alert').filter({ hasText: '1 个问题' }).waitFor();
    // Said in the window's language, not the back end's English.
    await table.getByText('文件内容与写入时不同：文件已被改动或损坏。', { exact: true }).waitFor();

    await row.getByRole('button', { name: '恢复…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '恢复此备份？' });
    await dialog.getByRole('button', { name: '恢复', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: '此备份未通过校验' }).waitFor();
    expect(await dialog.textContent()).not.toContain('Error');
    expect((await api.accounts.list({})).total).toBe(2);
  });
});
