import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../shared/domain/anniversaryDates';
import { addDays, lunarOfSolar } from '../../shared/domain/lunarCalendar';
import { lunarDayName, lunarMonthName } from '../../shared/domain/lunarNames';
import { openApp } from './harness';
import { accountOpened, eventually, fieldError, tabTo } from './ui';

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today as the page sees it (the local date of the browser), `YYYY-MM-DD`. */
function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
}

/** How the Chinese screen starts a day's title: 9月25日 (with the year when it is not this one). */
function zhDay(date: string, today: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${date.slice(0, 4) === today.slice(0, 4) ? '' : `${year}年`}${month}月${day}日`;
}

/** A Gregorian rule falling on `date` every year. */
function gregorianOn(date: string) {
  return { calendar: 'gregorian', month: Number(date.slice(5, 7)), day: Number(date.slice(8)) } as const;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('anniversaries', () => {
  it('adds a lunar birthday, finds it coming, on the calendar and by date, and records the greeting as a visit', async () => {
    const { page, api, goto } = await openApp();
    const person = await api.accounts.create({ kind: 'person', name: '林晓燕', tier: 'strategic' });
    const today = await browserToday(page);
    // The lunar date ten days from now, born 60 lunar years before: a 花甲 birthday.
    const lunar = lunarOfSolar(addDays(today, 10));
    const rule = {
      calendar: 'lunar',
      month: lunar.month,
      day: lunar.day,
      leapMonth: lunar.leap,
      year: lunar.year - 60,
    } as const;
    const expected = nextOccurrence(rule, today);
    const ruleText = `农历${lunarMonthName(lunar.month, lunar.leap)}${lunarDayName(lunar.day)}`;

    await goto(`#/account/${person.id}`);
    await accountOpened(page, '林晓燕');
    await page.getByRole('button', { name: '添加纪念日' }).click();
    const form = page.getByRole('dialog', { name: '添加纪念日' });
    await form.getByRole('radio', { name: '农历', exact: true }).check();
    await form.getByLabel('月', { exact: true }).selectOption({ label: lunarMonthName(lunar.month) });
    await form.getByLabel('日', { exact: true }).selectOption({ label: lunarDayName(lunar.day) });
    if (lunar.leap) await form.getByRole('checkbox', { name: '闰月' }).check();
    await form.getByLabel('年份', { exact: true }).fill(String(rule.year));
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: '纪念日', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '纪念日' }).waitFor();

    // Upcoming: under its Gregorian date, with the lunar rule, the age and the 花甲 mark.
    const upcoming = page.getByRole('region', { name: '即将到来' });
    const dayGroup = upcoming.getByRole('region', { name: new RegExp(`^${zhDay(expected.date, today)}`) });
    const coming = dayGroup.getByRole('listitem').filter({ hasText: '林晓燕' });
    await coming.waitFor();
    expect(await dayGroup.getByRole('heading').textContent()).toContain('还有 10 天');
    for (const text of ['生日', ruleText, '60 岁', '花甲'])
      await coming.getByText(text, { exact: true }).waitFor();

    // The calendar counts it on its day; choosing the day lists it.
    if (expected.date.slice(0, 7) !== today.slice(0, 7)) {
      await page.getByRole('button', { name: '下个月' }).click();
    }
    const [year, month] = expected.date.split('-').map(Number);
    await page.getByRole('heading', { level: 2, name: `${year}年${month}月` }).waitFor();
    const cell = page
      .getByRole('table')
      .getByRole('button', { name: new RegExp(`^${zhDay(expected.date, today)} .*，1 个纪念日$`) });
    expect(await cell.locator('.day-count').textContent()).toBe('1');
    await cell.click();
    const lookup = page.getByRole('region', { name: '纪念日查询' });
    await lookup.getByRole('listitem').filter({ hasText: '林晓燕' }).waitFor();

    // From the keyboard: the next day has nothing.
    await tabTo(page, cell);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const nextDay = addDays(expected.date, 1);
    await lookup.getByRole('heading', { name: new RegExp(`^${escape(zhDay(nextDay, today))}`) }).waitFor();
    await lookup.getByText('这一天没有纪念日。').waitFor();

    // The date query: who has a special day on that date.
    const date = lookup.getByLabel('查询某一天', { exact: true });
    await date.fill(today);
    await lookup.getByRole('heading', { name: new RegExp(`^${escape(zhDay(today, today))}`) }).waitFor();
    await lookup.getByText('这一天没有纪念日。').waitFor();
    await date.fill(expected.date);
    await lookup.getByRole('listitem').filter({ hasText: '林晓燕' }).getByText(ruleText).waitFor();

    // The reminder (strategic: a month ahead): greeting sent, recorded as a visit in Chinese.
    const reminder = page
      .getByRole('region', { name: '待处理提醒' })
      .getByRole('listitem')
      .filter({ hasText: '林晓燕' });
    await reminder.getByText('还有 10 天').waitFor();
    await reminder.getByRole('button', { name: '已发祝福' }).click();
    await reminder.waitFor({ state: 'detached' });
    const visitText = `生日祝福已发送（${expected.date}）`;
    await eventually(async () =>
      (await api.visits.list({ accountId: person.id })).map((visit) => [visit.kind, visit.content]),
    ).toEqual([['greeting', visitText]]);
    expect(await api.reminders.open({ today })).toEqual([]);

    await upcoming.getByRole('link', { name: '林晓燕' }).click();
    await accountOpened(page, '林晓燕');
    const visits = page.getByRole('region', { name: /^服务记录/ });
    const visit = visits.getByRole('listitem').filter({ hasText: visitText });
    await visit.getByText('发送祝福', { exact: true }).waitFor();
  });

  it("counts today's anniversaries in the navigation; a snoozed reminder waits until tomorrow", async () => {
    const { page, api, reload } = await openApp();
    const today = await browserToday(page);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '纪念日', exact: true }).waitFor();

    const wang = await api.accounts.create({ kind: 'person', name: '王建国', tier: 'partner' });
    await api.anniversaries.create({ accountId: wang.id, kind: 'birthday', ...gregorianOn(today) });
    // The badge follows changes to the data while the page is open.
    await nav.getByRole('link', { name: '纪念日 今天有 1 个纪念日' }).waitFor();
    const hotel = await api.accounts.create({
      kind: 'organization',
      name: '汕头市金海湾酒店有限公司',
      tier: 'commercial',
    });
    await api.anniversaries.create({ accountId: hotel.id, kind: 'founding', ...gregorianOn(today) });
    const chen = await api.accounts.create({ kind: 'person', name: '陈美玲', tier: 'partner' });
    await api.anniversaries.create({
      accountId: chen.id,
      kind: 'wedding',
      ...gregorianOn(addDays(today, 3)),
    });
    const badge = nav.getByRole('link', { name: '纪念日 今天有 2 个纪念日' });
    expect(await badge.locator('.nav-badge [aria-hidden]').textContent()).toBe('2');
    await badge.click();

    const reminders = page.getByRole('region', { name: '待处理提醒' });
    const item = (name: string) => reminders.getByRole('listitem').filter({ hasText: name });
    await item('王建国').getByText('今天', { exact: true }).waitFor();
    await item('陈美玲').getByText('还有 3 天').waitFor();

    await item('陈美玲').getByRole('button', { name: '明天再提醒' }).click();
    await item('陈美玲').waitFor({ state: 'detached' });
    await eventually(async () =>
      (await api.reminders.open({ today })).map((reminder) => reminder.occurrence.account.name).sort(),
    ).toEqual(['王建国', '汕头市金海湾酒店有限公司'].sort());

    await item('汕头市金海湾酒店有限公司').getByRole('button', { name: '忽略' }).click();
    await item('汕头市金海湾酒店有限公司').waitFor({ state: 'detached' });
    await eventually(async () => (await api.reminders.open({ today })).length).toBe(1);
    // Dismissing records no visit; the anniversaries are still today's.
    expect(await api.visits.list({ accountId: hotel.id })).toEqual([]);

    await reload();
    await item('王建国').waitFor();
    expect(await reminders.getByRole('listitem').count()).toBe(1);
    await page
      .getByRole('region', { name: '即将到来' })
      .getByRole('listitem')
      .filter({ hasText: '陈美玲' })
      .waitFor();
    await nav.getByRole('link', { name: '纪念日 今天有 2 个纪念日' }).waitFor();
  });

  it('moves on to the next day at midnight: the badge, and the day being looked at', async () => {
    const now = new Date();
    const tomorrow = addDays(localDate(now), 1);
    const { page, goto } = await openApp({
      clock: new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 50),
      setup: async (api) => {
        const person = await api.accounts.create({ kind: 'person', name: '周慧敏' });
        await api.anniversaries.create({ accountId: person.id, kind: 'birthday', ...gregorianOn(tomorrow) });
      },
    });
    await goto('#/anniversaries');
    const lookup = page.getByRole('region', { name: '纪念日查询' });
    await lookup.getByText('这一天没有纪念日。').waitFor();
    expect(await page.locator('.nav-badge').count()).toBe(0);

    await page.clock.runFor(15_000);
    await page.getByRole('navigation').getByRole('link', { name: '纪念日 今天有 1 个纪念日' }).waitFor();
    await lookup.getByRole('listitem').filter({ hasText: '周慧敏' }).waitFor();
    const upcoming = page.getByRole('region', { name: '即将到来' });
    expect(await upcoming.getByRole('heading', { level: 3 }).first().textContent()).toContain('今天');
  });

  it('shows my accounts or all accounts, by tier, when a manager code is set', async () => {
    const { page, api, goto } = await openApp({
      setup: (api) => api.settings.update({ managerCode: 'm001' }),
    });
    const today = await browserToday(page);
    const mine = await api.accounts.create({ kind: 'person', name: '许志明', tier: 'strategic' });
    const theirs = await api.accounts.create({ kind: 'person', name: '郑丽华', owner: 'm002' });
    await api.anniversaries.create({
      accountId: mine.id,
      kind: 'birthday',
      ...gregorianOn(addDays(today, 5)),
    });
    await api.anniversaries.create({
      accountId: theirs.id,
      kind: 'birthday',
      ...gregorianOn(addDays(today, 20)),
    });
    const other = await api.accounts.create({ kind: 'person', name: '黄伟', owner: 'm002' });
    await api.anniversaries.create({ accountId: other.id, kind: 'birthday', ...gregorianOn(today) });

    await goto('#/anniversaries');
    const upcoming = page.getByRole('region', { name: '即将到来' });
    const names = () => upcoming.getByRole('listitem').locator('.occurrence-who a').allTextContents();
    await expect.poll(names).toEqual(['许志明']);
    // Another manager's anniversary today is not in my badge.
    await page.getByRole('navigation').getByRole('link', { name: '纪念日', exact: true }).waitFor();

    await page.getByLabel('客户范围').selectOption({ label: '全部客户' });
    await expect.poll(names).toEqual(['黄伟', '许志明', '郑丽华']);
    const tier = page.getByLabel('客户等级');
    await tier.selectOption({ label: '战略客户' });
    await expect.poll(names).toEqual(['许志明']);
    await tier.selectOption({ label: '全部等级' });
    await upcoming.getByLabel('时间范围').selectOption({ label: '未来 7 天' });
    await expect.poll(names).toEqual(['黄伟', '许志明']);
    await upcoming.getByText('共 2 个纪念日').waitFor();
  });

  it('sets reminder lead times per tier in Settings, checked inline, and acts on a reminder in English', async () => {
    const { page, api } = await openApp({ locale: 'en' });
    const today = await browserToday(page);
    const li = await api.accounts.create({ kind: 'person', name: 'Li Wei', tier: 'general' });
    const birthday = addDays(today, 2);
    await api.anniversaries.create({ accountId: li.id, kind: 'birthday', ...gregorianOn(birthday) });

    await page.getByRole('link', { name: 'Anniversaries', exact: true }).click();
    // General accounts are reminded on the day only.
    await page.getByRole('region', { name: 'Reminders to act on' }).getByText('Nothing to act on.').waitFor();

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const general = page.getByLabel('General', { exact: true });
    await expect.poll(() => general.inputValue()).toBe('0');
    await general.fill('7, 400');
    const save = page
      .getByRole('region', { name: 'Anniversary reminders' })
      .getByRole('button', { name: 'Save' });
    await save.click();
    expect(await fieldError(general)).toBe('Whole days from 0 to 365, at most 6, separated by commas');
    expect((await api.settings.get()).leadDays.general).toEqual([0]);
    await general.fill('7，1, 0');
    await save.click();
    await eventually(async () => (await api.settings.get()).leadDays.general).toEqual([7, 1, 0]);

    const launch = page.getByRole('checkbox', { name: 'Launch at login (hidden)' });
    await launch.check();
    await eventually(async () => (await api.settings.get()).launchAtLogin).toBe(true);

    await page.getByRole('link', { name: 'Anniversaries', exact: true }).click();
    const reminder = page
      .getByRole('region', { name: 'Reminders to act on' })
      .getByRole('listitem')
      .filter({ hasText: 'Li Wei' });
    await reminder.getByText('in 2 days').waitFor();
    await reminder.getByRole('button', { name: 'Greeting sent' }).click();
    await reminder.waitFor({ state: 'detached' });
    await eventually(async () =>
      (await api.visits.list({ accountId: li.id })).map((visit) => [visit.kind, visit.content]),
    ).toEqual([['greeting', `Birthday greeting sent (${birthday})`]]);
  });
});
