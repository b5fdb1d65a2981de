import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { seedDatabase } from '../../db/seed';
import { openBookBackend, startPreviewServer } from '../../db/preview/server';
import { managerCodes } from '../../db/seed/data/people';
import { addMonths, periodOfDate } from '../../shared/domain/period';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import type { ApiClient } from '../../shared/api';
import { buildRenderer } from './buildRenderer';
import { launchChromium } from './chromium';

/**
 * `npm run screenshots`: the README's pictures, made from the real UI on deterministic demo
 * data (the seeder's accounts, seed 7), in Chinese and English, at 1280×800 and 1024×640, into
 * docs/screenshots/<screen>.<language>[.1024x640].png.
 */
const outputDirectory = join(process.cwd(), 'docs', 'screenshots');
const locales = { 'zh-CN': zhCN, en } as const;
/** A desktop window, and a small laptop's (every screen must work there too). */
const sizes = [
  { width: 1280, height: 800, suffix: '' },
  { width: 1024, height: 640, suffix: '.1024x640' },
] as const;
type Locale = keyof typeof locales;
type Messages = (typeof locales)[Locale];

interface Cast {
  /** A strategic organization in a customer group, with visits and a year of bills. */
  readonly organization: string;
  /** Its customer number, for the bills of the import scene. */
  readonly organizationNo: string;
  /** A person, for the lunar anniversary form. */
  readonly person: string;
  /** A colleague's sync file (the demo book has the team passphrase set). */
  readonly syncFile: Buffer;
}

const syncPassphrase = 'demo team passphrase';

/** A colleague's laptop: two new accounts and the cast organization's notes edited there. */
async function colleagueSyncFile(demo: ApiClient, organization: string): Promise<Buffer> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-colleague-'));
  const colleague = await openFieldbook(join(directory, 'colleague.db'));
  try {
    const api = colleague.client({ actor: 'm009' });
    const full = await demo.sync.export({ full: true, passphrase: syncPassphrase });
    await api.sync.import({ contentBase64: full.contentBase64, passphrase: syncPassphrase });
    await api.accounts.create({ kind: 'organization', name: '潮州市恒信陶瓷有限公司', tier: 'partner' });
    await api.accounts.create({ kind: 'person', name: '林晓燕', phones: [{ number: '13902260188' }] });
    await api.accounts.update({ id: organization, notes: '续约谈判中，下周三再访' });
    const exported = await api.sync.export({ passphrase: syncPassphrase });
    return Buffer.from(exported.contentBase64, 'base64');
  } finally {
    colleague.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function chooseCast(api: ApiClient): Promise<Cast> {
  const candidates = await api.accounts.list({ kind: 'organization', tiers: ['strategic'], limit: 300 });
  let best: { id: string; customerNo: string; score: number } | null = null;
  for (const row of candidates.rows) {
    const detail = await api.accounts.detail({ id: row.id });
    const fitsOnScreen =
      detail.group.length >= 3 && detail.group.length <= 6 && detail.relationships.length <= 4;
    const months = detail.consumption.months.filter((month) => month.amountFen > 0).length;
    const score = (fitsOnScreen ? 100 : 0) + Math.min(detail.visits.length, 4) * 10 + months;
    if (!best || score > best.score) best = { id: row.id, customerNo: row.customerNo, score };
  }
  const person = (await api.accounts.list({ kind: 'person', tiers: ['partner'], limit: 1 })).rows[0];
  if (!best || !person) throw new Error('The demo data has no organization or person to show');
  const syncFile = await colleagueSyncFile(api, best.id);
  await api.sync.setPassphrase({ passphrase: syncPassphrase });
  return { organization: best.id, organizationNo: best.customerNo, person: person.id, syncFile };
}

/**
 * The demo manager: the one whose book has a few reminders to act on and some anniversaries
 * coming (which depends on the day the pictures are taken).
 */
async function chooseManager(fieldbook: Fieldbook): Promise<string> {
  let best = { code: managerCodes[0] ?? 'm001', score: -Infinity };
  for (const code of managerCodes) {
    const api = fieldbook.client({ actor: code });
    const reminders = (await api.reminders.open()).length;
    const upcoming = (await api.anniversaries.upcoming({ owner: code, limit: 1 })).total;
    // Three or four reminders fill the card without pushing the upcoming list off the picture.
    const score = Math.min(reminders, 4) * 10 - Math.max(0, reminders - 4) * 15 + Math.min(upcoming, 10);
    if (score > best.score) best = { code, score };
  }
  return best.code;
}

type Scene = (page: Page, text: Messages, cast: Cast) => Promise<void>;

const goto = (page: Page, route: string) =>
  page.evaluate((hash) => {
    window.location.hash = hash;
  }, route);

const scenes: Record<string, Scene> = {
  async search(page, text) {
    await goto(page, '#/search');
    const box = page.getByRole('combobox', { name: text.search.label });
    await box.fill('');
    await box.pressSequentially('lin');
    await page.getByRole('option').nth(8).waitFor();
  },
  async account(page, _text, cast) {
    await goto(page, `#/account/${cast.organization}`);
    await page.locator('.chart svg').waitFor();
    await page.locator('.timeline li').first().waitFor();
  },
  async accounts(page, text) {
    await goto(page, '#/accounts');
    const rows = page.getByRole('table', { name: text.list.table }).locator('.list-row');
    await rows.nth(12).getByRole('link').waitFor();
  },
  async 'anniversary-form'(page, text, cast) {
    await goto(page, `#/account/${cast.person}`);
    await page.getByRole('button', { name: text.account.addAnniversary }).click();
    const form = page.getByRole('dialog', { name: text.form.addAnniversary });
    await form.getByRole('radio', { name: text.calendar.lunar, exact: true }).check();
    await form.getByLabel(text.field.month, { exact: true }).selectOption({ label: '八月' });
    await form.getByLabel(text.field.day, { exact: true }).selectOption({ label: '十五' });
    await form.getByLabel(text.field.year, { exact: true }).fill('1978');
    await form
      .getByLabel(text.field.note, { exact: true })
      .fill(text === en ? 'Mid-Autumn birthday' : '中秋生日');
    // The caret would blink into some pictures and not others.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  },
  async anniversaries(page, text) {
    await goto(page, '#/anniversaries');
    const loaded = (region: string) =>
      page
        .getByRole('region', { name: region, exact: true })
        .getByText(text.common.loading)
        .waitFor({ state: 'detached' });
    await loaded(text.anniversaries.reminders);
    await loaded(text.anniversaries.upcoming);
    await loaded(text.anniversaries.dateQuery);
    await page.locator('.calendar .day-count').first().waitFor();
    // The pointer of the previous scene would hover one of the buttons.
    await page.mouse.move(0, 0);
  },
  async agenda(page, text) {
    await goto(page, '#/agenda');
    for (const bucket of ['overdue', 'today', 'week'] as const) {
      await page
        .getByRole('region', { name: new RegExp(`^${text.agenda.bucket[bucket]}`) })
        .getByText(text.common.loading)
        .waitFor({ state: 'detached' });
    }
    await page.mouse.move(0, 0);
  },
  async statistics(page, text) {
    await goto(page, '#/statistics');
    await page.getByRole('tab', { name: text.statistics.view.portfolio }).click();
    await page.locator('.chart svg').nth(4).waitFor();
    await page.mouse.move(0, 0);
  },
  async pareto(page, text) {
    await goto(page, '#/statistics');
    await page.getByRole('tab', { name: text.statistics.view.pareto }).click();
    await page.getByRole('list', { name: text.statistics.classes }).waitFor();
    await page.locator('.chart svg').first().waitFor();
    await page.mouse.move(0, 0);
  },
  async slipping(page, text) {
    await goto(page, '#/statistics');
    await page.getByRole('tab', { name: text.statistics.view.slipping }).click();
    await page.locator('.data-table tbody tr').first().waitFor();
    await page.mouse.move(0, 0);
  },
  async coverage(page, text) {
    await goto(page, '#/statistics');
    await page.getByRole('tab', { name: text.statistics.view.coverage }).click();
    await page.locator('.data-table tbody tr').first().waitFor();
    await page.mouse.move(0, 0);
  },
  async tiers(page, text) {
    await goto(page, '#/statistics');
    await page.getByRole('tab', { name: text.statistics.view.tiers }).click();
    await page.locator('.data-table tbody tr').first().waitFor();
    await page.mouse.move(0, 0);
  },
  async backups(page, text) {
    await goto(page, '#/backups');
    const table = page.getByRole('table', { name: text.backups.caption });
    await table.locator('tr[data-file]').nth(1).waitFor();
    await page.mouse.move(0, 0);
  },
  async 'new-account'(page, text) {
    await goto(page, '#/new');
    const form = page.getByRole('dialog', { name: text.form.newAccount });
    await form.getByLabel(text.field.name, { exact: true }).fill(text === en ? 'Lin Xiaoyan' : '林晓燕');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  },
  async settings(page, text) {
    await goto(page, '#/settings');
    await page.getByRole('heading', { name: text.settings.title }).waitFor();
    await page.mouse.move(0, 0);
  },
  async import(page, text, cast) {
    await goto(page, '#/import');
    // A billing system's export: GB18030, an amount header to map by hand, one unknown customer.
    const month = addMonths(periodOfDate(new Date()), -1);
    const no = cast.organizationNo;
    const lines = [
      '客户编号,账期,业务类别,收费合计（元）,备注',
      `${no},${month},流量,"12,480.00",`,
      `${no},${month},专线,8600,双路由`,
      `${no},${month},云服务,3250.5,`,
      `ZZ9999,${month},宽带,199,`,
      `${no},${month},短信,420,`,
    ];
    const bills = iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
    await page
      .getByLabel(text.import.file, { exact: true })
      .setInputFiles({ name: `${month}-bills.csv`, mimeType: 'text/csv', buffer: bills });
    const amount = page.getByRole('combobox', { name: text.field.amount });
    await amount.selectOption({ label: '收费合计（元）' });
    await page.getByRole('button', { name: text.import.preview }).click();
    await page.getByRole('table', { name: text.import.errorsTitle }).waitFor();
    // The mapping, the sample and the dry run's counts and error in one picture.
    await page
      .getByRole('heading', { name: text.import.mappingStep })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
  },
  async sync(page, text, cast) {
    await goto(page, '#/sync');
    await page.getByLabel(text.sync.import.file, { exact: true }).setInputFiles({
      name: 'colleague.fbsync',
      mimeType: 'application/octet-stream',
      buffer: cast.syncFile,
    });
    await page.getByRole('table', { name: text.sync.import.caption }).waitFor();
    await page
      .getByRole('heading', { name: text.sync.import.title })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
  },
};

async function main(): Promise<void> {
  const started = performance.now();
  const renderer = await buildRenderer();
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-screenshots-'));
  const fieldbook = await openFieldbook(join(directory, 'demo.db'), { jobThread: jobThreadFromSource });
  const browser = await launchChromium();
  try {
    seedDatabase(fieldbook.db, { accounts: 1000, seed: 7, actor: 'm001' });
    const manager = await chooseManager(fieldbook);
    const client = fieldbook.client({ actor: manager });
    // The demo manager has set their code, so "my accounts" and their reminders mean something.
    await client.settings.update({ managerCode: manager });
    const cast = await chooseCast(client);
    // Yesterday's automatic backup and one taken by hand, for the Backups page.
    await client.backups.create({ kind: 'daily' });
    await client.backups.create({ kind: 'manual' });
    const preview = await startPreviewServer({
      backend: openBookBackend(fieldbook, () => manager),
      rendererDirectory: renderer.directory,
    });
    mkdirSync(outputDirectory, { recursive: true });
    for (const [[locale, text], size] of (Object.entries(locales) as [Locale, Messages][]).flatMap((entry) =>
      sizes.map((viewport) => [entry, viewport] as const),
    )) {
      const context = await browser.newContext({
        locale,
        timezoneId: 'Asia/Shanghai',
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.getByRole('navigation').waitFor();
      for (const [name, scene] of Object.entries(scenes)) {
        await scene(page, text, cast);
        await page.evaluate(() => document.fonts.ready);
        const path = join(outputDirectory, `${name}.${locale}${size.suffix}.png`);
        await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
        console.log(`${path}  ${Math.round(statSync(path).size / 1024)} kB`);
        await page.keyboard.press('Escape');
      }
      await context.close();
    }
    await preview.close();
  } finally {
    await browser.close();
    fieldbook.close();
    renderer.remove();
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
