import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { openFieldbook } from '../../db/service';
import { openApp } from './harness';

/**
 * Handing accounts over from the Accounts page: a seeded book, m001's strategic accounts to
 * m002, the report (on screen, as CSV, printable), and the list filtered by the new owner.
 */
describe('handing accounts over', () => {
  it("moves m001's strategic accounts to m002, with a report to download and print", async () => {
    const { page, api, goto } = await openApp({
      locale: 'en',
      book: async (path) => {
        const fieldbook = await openFieldbook(path);
        seedDatabase(fieldbook.db, { accounts: 1000, seed: 7, actor: 'm001' });
        fieldbook.close();
      },
    });
    const leaving = await api.accounts.list({ owner: 'm001', tiers: ['strategic'], status: 'all' });
    const names = leaving.rows.map((row) => row.name).sort();
    expect(names.length).toBeGreaterThan(0);

    await goto('#/accounts');
    await page.getByRole('link', { name: 'Hand over accounts…' }).click();
    await page.getByRole('combobox', { name: 'From manager (code)' }).fill('m001');
    await page.getByRole('combobox', { name: 'To manager (code)' }).fill('m002');
    await page.getByRole('checkbox', { name: 'Strategic' }).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    const confirm = page.getByRole('button', { name: `Hand over ${names.length} account` });
    await confirm.click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'handed over to m002' }).count())
      .toBe(1);
    const shown = await page.locator('.handover-report tbody tr td:nth-child(2)').allTextContents();
    expect(shown.sort()).toEqual(names);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^handover-m001-m002-\d{4}-\d\d-\d\d\.csv$/);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text
      .slice(1)
      .split('\r\n')
      .filter((line) => line !== '');
    expect(lines[0]).toBe(
      'Customer no.,Name,Tier,Region,Last visit,Open follow-ups,Anniversaries (30 days),Renewals (90 days)',
    );
    expect(lines).toHaveLength(names.length + 1);

    // Print asks the browser; printed, the page is the report alone.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
    expect(await page.locator('.handover-report').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await goto('#/accounts');
    const owner = page
      .getByRole('form', { name: 'Filters' })
      .getByRole('textbox', { name: 'Manager', exact: true });
    await owner.fill('m002');
    await owner.press('Enter');
    const successor = await api.accounts.list({ owner: 'm002', tiers: ['strategic'], status: 'all' });
    expect(successor.rows.map((row) => row.name).sort()).toEqual(expect.arrayContaining(names));
    expect(await api.accounts.list({ owner: 'm001', tiers: ['strategic'], status: 'all' })).toMatchObject({
      total: 0,
    });
    for (const name of names.slice(0, 3))
      await expect.poll(() => page.getByRole('link', { name, exact: true }).count()).toBeGreaterThan(0);

    // The successor opens one: its whole history came with it, the visits still their authors'.
    const handed = successor.rows.filter((row) => names.includes(row.name));
    const details = await Promise.all(handed.map((row) => api.accounts.detail({ id: row.id })));
    const withVisits = details.find((detail) => detail.visitCount > 0);
    if (!withVisits) throw new Error('no handed-over account with visits');
    await page.getByRole('link', { name: withVisits.account.name, exact: true }).first().click();
    await expect
      .poll(() => page.locator('.timeline .visit').count())
      .toBe(Math.min(20, withVisits.visitCount));
    const authors = await page.locator('.timeline .visit .visit-head > .muted').allTextContents();
    expect(authors).toEqual(withVisits.visits.map((visit) => visit.manager));
  });
});
