import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { SyncRefusal, SyncScopeOutcome } from '../../shared/types';
import { openApp } from './harness';
import { otherDevice, passphrase } from './syncDevices';

/*
 * What a preview and an import say of a file's scope: its signer, the user it was written for
 * and why, records left out, accounts leaving this book, and the changes refused. The service's
 * answers are given those facts on their way to the page (a book without users has none), so
 * this proves what the page does with them; syncJoin.test.ts has them from the real service.
 */

const manifestFacts = { exporter: 'admin', recipient: 'm001', purpose: 'New laptop for Wang' };

/** The preview's and the import's answers, as the service would give them for a scoped file. */
async function scopedAnswers(page: Page, scope: SyncScopeOutcome): Promise<void> {
  for (const operation of ['sync.preview', 'sync.import']) {
    await page.route(`**/api/${operation}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
      if (body.value) {
        Object.assign(body.value, scope);
        const manifest = body.value['manifest'];
        if (typeof manifest === 'object' && manifest !== null) Object.assign(manifest, manifestFacts);
      }
      await route.fulfill({ response, json: body });
    });
  }
}

it('names the signer, warns before the import of records left out, accounts leaving and refused changes, and says them after', async () => {
  const other = await otherDevice();
  await other.api.accounts.create({ kind: 'organization', name: 'Harbour Trading' });
  const file = await other.exportFile({ full: true });
  const { page, api } = await openApp({
    locale: 'en',
    setup: async (client) => {
      await client.sync.setPassphrase({ passphrase });
      await client.accounts.create({ kind: 'organization', name: 'Riverside Foods' });
    },
  });
  const mine = (await api.accounts.list({})).rows[0]?.id ?? '';
  const refused: SyncRefusal[] = [
    { entity: 'account', rowId: mine, accountId: mine, reason: 'ownerOutsideSignersAccounts' },
    {
      entity: 'visit',
      rowId: 'v1',
      accountId: 'ffffffff-0000-7000-8000-000000000001',
      reason: 'outsideSignersAccounts',
    },
    { entity: 'account', rowId: mine, accountId: mine, reason: 'erasureNotAllowed' },
    { entity: 'user', rowId: 'm009', accountId: null, reason: 'userChangeNotAllowed' },
  ];
  await scopedAnswers(page, { outsideScope: 1234, leaving: 1, refused, refusedTotal: 7 });

  await page.getByRole('navigation').getByRole('link', { name: 'Sync', exact: true }).click();
  await page.getByLabel('Choose a sync file…', { exact: true }).setInputFiles({
    name: 'for-m001.fbsync',
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  await page.getByRole('term').filter({ hasText: 'Signed by' }).waitFor();
  // Each fact as its term and its value.
  const facts = page.getByRole('region', { name: 'Import a sync file' }).locator('dl > div');
  expect(await facts.allTextContents()).toEqual(
    expect.arrayContaining(['Signed byadmin', 'Written form001', 'PurposeNew laptop for Wang']),
  );
  await page.getByText('1,234 records in this file are not yours and are left out.').waitFor();
  await page
    .getByRole('status')
    .filter({
      hasText: '1 account of this book was handed to someone else: it leaves this book when you import.',
    })
    .waitFor();
  const warning = page.getByRole('region', { name: '7 changes will be refused' });
  await warning.waitFor();
  const rows = warning.getByRole('table', { name: 'Refused changes' }).getByRole('row');
  await expect.poll(() => rows.count()).toBe(5);
  // An account this book holds is named; one it does not, by the start of its id.
  await expect
    .poll(() => rows.allTextContents())
    .toEqual([
      'RecordAccountWhy',
      "AccountRiverside FoodsIt hands the account to someone outside the signer's accounts",
      "VisitffffffffThe account is not one of the signer's accounts",
      'AccountRiverside FoodsIt erases an account: only a supervisor or an administrator may',
      'User m009—It changes a user: only an administrator may',
    ]);
  await warning.getByText('and 3 more').waitFor();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported: 1 new, 0 changed, 0 conflicts.').waitFor();
  await page.getByText('1,234 records were not yours and were left out.').waitFor();
  await page.getByText('1 account was handed to someone else and has left this book.').waitFor();
  await page
    .getByRole('region', {
      name: '7 changes were refused: whoever signed the file may not make them. The rest was imported.',
    })
    .waitFor();
});

it('says nothing of scope for a file that leaves nothing out', async () => {
  const other = await otherDevice();
  await other.api.accounts.create({ kind: 'organization', name: 'Harbour Trading' });
  const file = await other.exportFile();
  const { page } = await openApp({
    locale: 'en',
    setup: (client) => client.sync.setPassphrase({ passphrase }),
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Sync', exact: true }).click();
  await page.getByLabel('Choose a sync file…', { exact: true }).setInputFiles({
    name: 'plain.fbsync',
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  // A file of a book without users is not signed, and says so.
  await page.getByRole('term').filter({ hasText: 'Signed by' }).waitFor();
  const facts = page.getByRole('region', { name: 'Import a sync file' }).locator('dl > div');
  expect(await facts.allTextContents()).toContain('Signed byNot signed');
  expect(await page.locator('.sync-outside, .sync-leaving, .sync-refused').count()).toBe(0);
  expect(await page.getByText('Written for').count()).toBe(0);
});
