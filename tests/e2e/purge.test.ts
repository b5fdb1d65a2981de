import { describe, expect, it } from 'vitest';
import { openFieldbook } from '../../db/service';
import { openApp } from './harness';

/** An ISO time years back in a clock's place: the rules read when a status was set, and creation. */
const aged = (column: string) => `'2020-01-15T08:00:00.000Z' || substr(${column}, 25)`;

/**
 * The Maintenance page: an account archived years ago and a general one created years ago and
 * never billed are both proposed with their reasons; erasing one removes it, the other stays.
 */
describe('purge on the Maintenance page', () => {
  it('lists both with reasons, erases the chosen one and keeps the other', async () => {
    let archivedId = '';
    let dormantId = '';
    const { page, api, goto } = await openApp({
      locale: 'en',
      book: async (path) => {
        const fieldbook = await openFieldbook(path);
        const client = fieldbook.client({ actor: 'm001' });
        const archived = await client.accounts.create({
          kind: 'person',
          name: '归档老客户',
          tier: 'strategic',
        });
        const dormant = await client.accounts.create({ kind: 'person', name: '休眠客户', tier: 'general' });
        await client.accounts.create({ kind: 'person', name: '新客户', tier: 'general' });
        await client.accounts.archive({ id: archived.id });
        archivedId = archived.id;
        dormantId = dormant.id;
        const sqlite = fieldbook.db.sqlite;
        sqlite
          .prepare(
            `UPDATE field_clock SET hlc = ${aged('hlc')} WHERE tbl = 'accounts' AND col = 'status' AND row_id = ?`,
          )
          .run(archived.id);
        sqlite
          .prepare(`UPDATE accounts SET hlc = ${aged('hlc')} WHERE id IN (?, ?)`)
          .run(archived.id, dormant.id);
        fieldbook.close();
      },
    });
    await goto('#/maintenance');
    const rows = page.locator('.purge-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const archivedRow = rows.filter({ hasText: '归档老客户' });
    const dormantRow = rows.filter({ hasText: '休眠客户' });
    expect(await archivedRow.textContent()).toContain('Archived since 2020-01-15');
    expect(await dormantRow.textContent()).toContain('General, never billed (created 2020-01-15)');

    await archivedRow.getByRole('checkbox').check();
    await page.getByLabel('Reason for erasing (recorded)').fill('Past the retention period');
    await page.getByRole('button', { name: 'Erase selected (1)…' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('Erase 1 accounts');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

    // The job thread starts on its first job, then the erasure rebuilds the file.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('休眠客户');
    const left = await api.purge.candidates({});
    expect(left.candidates.map((candidate) => candidate.id)).toEqual([dormantId]);
    await expect(api.accounts.get({ id: archivedId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
