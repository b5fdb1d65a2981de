import { describe, expect, it } from 'vitest';
import { openApp } from './harness';

/*
 * What the Backups and Audit pages say of the two holes closed: a restore that erases again
 * the accounts erased since the backup (said in its preview and after it), and entries cut from
 * the end of the audit log, named against the head a backup recorded.
 */
describe('backups and the audit chain', () => {
  it('a restore after an erasure says it erases the person again, and does', async () => {
    let personId = '';
    const { page, api } = await openApp({
      locale: 'en',
      setup: async (client) => {
        const person = await client.accounts.create({ kind: 'person', name: 'Erased Ouyang' });
        personId = person.id;
        await client.accounts.create({ kind: 'person', name: 'Kept Zhang' });
        await client.backups.create({ kind: 'manual' });
        await client.accounts.erase({ id: person.id, reason: 'Personal data erasure request' });
      },
    });
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog
      .getByText('1 account erased since this backup was taken is in it: the restore erases it again', {
        exact: false,
      })
      .waitFor();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '1 account erased since the backup was erased again.' })
      .waitFor();
    expect((await api.accounts.list({})).rows.map((row) => row.name)).toEqual(['Kept Zhang']);
    await expect(api.accounts.get({ id: personId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the Audit page names entries cut from the end that a backup recorded', async () => {
    const { page, fieldbook, goto } = await openApp({
      setup: async (client) => {
        for (const name of ['张伟', '李娜', '王芳']) await client.accounts.create({ kind: 'person', name });
        await client.backups.create({ kind: 'manual' });
      },
    });
    const sqlite = fieldbook.db.sqlite;
    const [backup] = (await fieldbook.client({ actor: 'm001' }).backups.list()).backups;
    expect(backup).toBeDefined();
    // The backup's own record came after its copy: the head it recorded is the entry before.
    const recorded = Number(
      sqlite.prepare("SELECT max(id) FROM audit_log WHERE action <> 'backup.create'").pluck().get(),
    );
    sqlite.exec(
      `DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE id >= ${recorded - 1}`,
    );
    await goto('#/audit');
    await page.getByRole('button', { name: '校验日志链' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '条之后的条目已被删除' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      new RegExp(`^✗ 第 #${recorded - 2} 条之后的条目已被删除：.+ 的备份记录到第 #${recorded} 条。$`),
    );
  });
});
