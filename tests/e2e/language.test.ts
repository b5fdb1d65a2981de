import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened, eventually, fieldError, searchResults } from './ui';

describe('language', () => {
  it('switches between Chinese and English in Settings and remembers it after a reload', async () => {
    const { page, api, reload } = await openApp({ locale: 'zh-CN' });
    await page.getByRole('link', { name: '设置' }).click();
    const language = page.getByRole('combobox', { name: '语言' });
    await language.selectOption({ label: 'English' });
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New account' }).waitFor();
    await eventually(async () => (await api.settings.get()).language).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await reload();
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect((await api.settings.get()).language).toBe('zh-CN');
  });

  it('speaks English to an English system: create, find, and log a visit', async () => {
    const { page, api } = await openApp({ locale: 'en' });
    await page.getByRole('heading', { name: 'Find an account', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'New account' }).click();
    const form = page.getByRole('dialog', { name: 'New account' });
    await form.getByRole('radio', { name: 'Organization', exact: true }).check();
    await form.getByLabel('Name', { exact: true }).fill('Shantou Harbour Logistics Co.');
    const phone = form.getByLabel('Phone number 1', { exact: true });
    await phone.fill('8812');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await fieldError(phone)).toBe(
      'Not a phone number (mobile, landline with area code, 400/800/95xxx, or + country code and number)',
    );
    expect((await api.accounts.list({})).total).toBe(0);
    await phone.fill('400-820-8820');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await accountOpened(page, 'Shantou Harbour Logistics Co.');

    await page.keyboard.press('Control+k');
    await page.keyboard.type('8820');
    await expect
      .poll(() => searchResults(page))
      .toEqual([{ name: 'Shantou Harbour Logistics Co.', marks: ['8820'] }]);
    await page.keyboard.press('Enter');
    await accountOpened(page, 'Shantou Harbour Logistics Co.');

    await page.getByRole('button', { name: 'Log visit', exact: true }).click();
    const visit = page.getByRole('dialog', { name: 'Log a visit' });
    await visit.getByLabel('Kind of visit', { exact: true }).selectOption({ label: 'On-site visit' });
    await visit
      .getByLabel('What was done', { exact: true })
      .fill('Walked the warehouse; they need a leased line.');
    await visit.getByRole('button', { name: 'Save', exact: true }).click();
    await visit.waitFor({ state: 'detached' });
    await page.getByText('Walked the warehouse; they need a leased line.').waitFor();
    const account = (await api.accounts.list({})).rows[0];
    expect(await api.visits.list({ accountId: account?.id ?? '' })).toMatchObject([
      { kind: 'onsite', content: 'Walked the warehouse; they need a leased line.' },
    ]);
  });
});
