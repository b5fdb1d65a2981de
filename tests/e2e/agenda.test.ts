import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/lunarCalendar';
import { openApp } from './harness';
import { accountOpened, eventually, fieldError } from './ui';

/** Today as the page sees it (the local date of the browser), `YYYY-MM-DD`. */
function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
}

/** A local time on a day, as an ISO instant (midnight: today's is never in the future). */
function at(day: string, hour = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date, hour).toISOString();
}

describe('the agenda', () => {
  it('a follow-up written on a visit is due on the agenda, done there with what was done, and shown on the account', async () => {
    const { page, api, goto } = await openApp();
    const hotel = await api.accounts.create({ kind: 'organization', name: '汕头市金海湾酒店有限公司' });
    const today = await browserToday(page);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '待办', exact: true }).waitFor();

    // Log a visit with a follow-up due today, as a manager does after a complaint.
    await goto(`#/account/${hotel.id}`);
    await accountOpened(page, '汕头市金海湾酒店有限公司');
    await page.getByRole('button', { name: '记录服务', exact: true }).click();
    const form = page.getByRole('dialog', { name: '记录服务' });
    await form.getByLabel('服务方式').selectOption({ label: '投诉' });
    await form.getByLabel('服务内容').fill('专线中断两小时，要求减免');
    await form.getByLabel('后续跟进').fill('申请减免当月费用');
    await form.getByLabel('跟进期限').fill(today);
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    // The navigation counts it; the agenda lists it under today.
    await nav.getByRole('link', { name: '待办 1 项逾期或今天到期' }).click();
    await page.getByRole('heading', { level: 1, name: '待办' }).waitFor();
    const todayPart = page.getByRole('region', { name: /^今天/ });
    const item = todayPart.getByRole('listitem').filter({ hasText: '申请减免当月费用' });
    await item.getByText('今天', { exact: true }).waitFor();
    await item.getByText('汕头市金海湾酒店有限公司').waitFor();
    await page
      .getByRole('region', { name: /^已逾期/ })
      .getByText('没有逾期的事项。')
      .waitFor();

    // Done, saying what was done: recorded on the account as a phone call naming the follow-up.
    await item.getByRole('button', { name: '完成并记录…' }).click();
    const done = page.getByRole('dialog', { name: '完成跟进：汕头市金海湾酒店有限公司' });
    await done.getByText('申请减免当月费用', { exact: true }).waitFor();
    await done.getByRole('button', { name: '完成', exact: true }).click();
    await fieldError(done.getByLabel('所做的事'));
    await done.getByLabel('服务方式').selectOption({ label: '电话沟通' });
    await done.getByLabel('所做的事').fill('已电话告知减免获批');
    await done.getByRole('button', { name: '完成', exact: true }).click();
    await done.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '跟进已完成，并记入服务记录' }).waitFor();
    await item.waitFor({ state: 'detached' });
    await todayPart.getByText('今天没有到期的事项。').waitFor();
    await eventually(() => page.locator('.nav-badge').count()).toBe(0);

    const visits = await api.visits.list({ accountId: hotel.id });
    expect(visits.map((visit) => [visit.kind, visit.followUpDoneAt !== null])).toEqual([
      ['phone', false],
      ['complaint', true],
    ]);
    const [year, month, day] = today.split('-').map(Number);
    expect(visits[0]?.content).toBe(
      `${year}年${month}月${day}日的跟进（申请减免当月费用）：已电话告知减免获批`,
    );

    // On the account: the call, and the complaint's follow-up marked done.
    await goto(`#/account/${hotel.id}`);
    await accountOpened(page, '汕头市金海湾酒店有限公司');
    const timeline = page.getByRole('region', { name: /^服务记录/ });
    await timeline.getByRole('listitem').filter({ hasText: '已电话告知减免获批' }).waitFor();
    const complaint = timeline.getByRole('listitem').filter({ hasText: '专线中断两小时' });
    await complaint.getByText(/^已于.+完成$/).waitFor();
  });

  it('done in one click and undone; snoozed to tomorrow; rescheduled, refusing a day in the past', async () => {
    const { page, api, goto } = await openApp();
    const today = await browserToday(page);
    const account = await api.accounts.create({ kind: 'organization', name: '潮州市恒信陶瓷有限公司' });
    const followUp = (text: string, due: string) =>
      api.visits.create({
        accountId: account.id,
        kind: 'onsite',
        occurredAt: at(addDays(today, -10)),
        content: `拜访：${text}`,
        followUp: text,
        followUpDue: due,
      });
    const quote = await followUp('提交专线扩容方案', addDays(today, -3));
    const test = await followUp('安排工程师上门测速', addDays(today, -1));
    await goto('#/agenda');
    const overdue = page.getByRole('region', { name: /^已逾期/ });
    const row = (text: string) => page.getByRole('listitem').filter({ hasText: text });
    await overdue.getByRole('heading', { name: '已逾期 2' }).waitFor();
    await row('提交专线扩容方案').getByText('逾期 3 天').waitFor();

    // One click: done, and Undo brings it back.
    await row('提交专线扩容方案').getByRole('button', { name: '完成', exact: true }).click();
    const toast = page.getByRole('status').filter({ hasText: '跟进已完成' });
    await row('提交专线扩容方案').waitFor({ state: 'detached' });
    await toast.getByRole('button', { name: '撤销' }).click();
    await overdue.getByRole('listitem').filter({ hasText: '提交专线扩容方案' }).waitFor();
    await eventually(async () => (await api.visits.list({ accountId: account.id }))[0]?.followUpDoneAt).toBe(
      null,
    );

    // Tomorrow: it moves to the next days.
    await row('安排工程师上门测速').getByRole('button', { name: '明天再提醒' }).click();
    const week = page.getByRole('region', { name: /^未来 7 天/ });
    await week.getByRole('listitem').filter({ hasText: '安排工程师上门测速' }).getByText('明天').waitFor();
    await eventually(async () => {
      const visits = await api.visits.list({ accountId: account.id });
      return visits.find((visit) => visit.id === test.id)?.followUpDue;
    }).toBe(addDays(today, 1));

    // Reschedule: a day in the past is refused on the field, a later one taken.
    await row('提交专线扩容方案').getByRole('button', { name: '改期…' }).click();
    const dialog = page.getByRole('dialog', { name: '改期：潮州市恒信陶瓷有限公司' });
    const day = dialog.getByLabel('新日期');
    await day.fill(addDays(today, -1));
    await dialog.getByRole('button', { name: '保存' }).click();
    expect(await fieldError(day)).toBe('请选择今天或以后的日期，且不早于这次服务的日期');
    await day.fill(addDays(today, 5));
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await week.getByRole('listitem').filter({ hasText: '提交专线扩容方案' }).getByText('5 天后').waitFor();
    await overdue.getByText('没有逾期的事项。').waitFor();
    expect(
      (await api.visits.list({ accountId: account.id })).find((v) => v.id === quote.id)?.followUpDue,
    ).toBe(addDays(today, 5));
  });

  it('a planned visit is on the agenda until it is recorded as done; an anniversary is acted on there too', async () => {
    const { page, api, goto } = await openApp({ locale: 'en' });
    const today = await browserToday(page);
    const company = await api.accounts.create({ kind: 'organization', name: '广东鸿鸿培训集团有限公司' });
    const plan = await api.visits.create({
      accountId: company.id,
      kind: 'onsite',
      occurredAt: at(addDays(today, 2), 15),
      content: 'Contract renewal talks',
    });
    const person = await api.accounts.create({ kind: 'person', name: '林晓燕', tier: 'strategic' });
    const birthday = addDays(today, 4);
    await api.anniversaries.create({
      accountId: person.id,
      kind: 'birthday',
      calendar: 'gregorian',
      month: Number(birthday.slice(5, 7)),
      day: Number(birthday.slice(8)),
    });

    await goto('#/agenda');
    const week = page.getByRole('region', { name: /^Next 7 days/ });
    const planned = week.getByRole('listitem').filter({ hasText: 'Contract renewal talks' });
    await planned.getByText('In 2 days').waitFor();
    await planned.getByText('15:00').waitFor();

    await planned.getByRole('button', { name: 'Done, record it…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the visit: 广东鸿鸿培训集团有限公司' });
    const content = dialog.getByLabel('What was done');
    expect(await content.inputValue()).toBe('Contract renewal talks');
    await content.fill('Renewal agreed for two years');
    await dialog.getByLabel("Customer's opinion").fill('Happy with the discount');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await planned.waitFor({ state: 'detached' });
    const [recorded] = await api.visits.list({ accountId: company.id });
    expect(recorded).toMatchObject({ id: plan.id, content: 'Renewal agreed for two years' });
    expect(Date.parse(recorded?.occurredAt ?? '')).toBeLessThanOrEqual(Date.now());

    // The strategic birthday four days ahead: a greeting, recorded as a visit.
    const reminder = week.getByRole('listitem').filter({ hasText: '林晓燕' });
    await reminder.getByText('In 4 days').waitFor();
    await reminder.getByRole('button', { name: 'Greeting sent' }).click();
    await reminder.waitFor({ state: 'detached' });
    await eventually(async () =>
      (await api.visits.list({ accountId: person.id })).map((v) => v.kind),
    ).toEqual(['greeting']);
    await week.getByText('Nothing in the next 7 days.').waitFor();
  });

  it('clears a backlog of overdue follow-ups at once, after asking, and leaves today alone', async () => {
    const { page, api, goto } = await openApp();
    const today = await browserToday(page);
    const account = await api.accounts.create({ kind: 'organization', name: '汕头市龙湖区供电局' });
    for (let days = 1; days <= 6; days++) {
      await api.visits.create({
        accountId: account.id,
        kind: 'onsite',
        occurredAt: at(addDays(today, -400)),
        content: `旧拜访 ${days}`,
        followUp: `旧跟进 ${days}`,
        followUpDue: addDays(today, -days * 60),
      });
    }
    await api.visits.create({
      accountId: account.id,
      kind: 'phone',
      occurredAt: at(addDays(today, -1)),
      content: '回访',
      followUp: '今天回复报价',
      followUpDue: today,
    });
    await goto('#/agenda');
    const overdue = page.getByRole('region', { name: /^已逾期/ });
    await overdue.getByRole('button', { name: '显示全部 6 项' }).waitFor();
    await overdue.getByRole('button', { name: '将 6 项逾期跟进全部标记为完成…' }).click();
    const confirm = page.getByRole('dialog', { name: '全部逾期跟进标记为完成？' });
    await confirm.getByText(/今天之前到期的 6 项跟进将标记为完成/).waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await page.getByRole('status').filter({ hasText: '已将 6 项跟进标记为完成' }).waitFor();
    await overdue.getByText('没有逾期的事项。').waitFor();
    await page.getByRole('region', { name: /^今天/ }).getByText('今天回复报价').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '待办 1 项逾期或今天到期' }).waitFor();
  });

  it('fits a small laptop in both languages: no row wider than the page, today in view', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { page, api, goto } = await openApp({ locale });
      await page.setViewportSize({ width: 1024, height: 640 });
      const today = await browserToday(page);
      const account = await api.accounts.create({
        kind: 'organization',
        name: '中国移动通信集团广东有限公司汕头分公司金平区营业部',
      });
      for (let days = 1; days <= 8; days++) {
        await api.visits.create({
          accountId: account.id,
          kind: 'complaint',
          occurredAt: at(addDays(today, -20)),
          content: '客户投诉：宽带频繁掉线，要求上门检修并减免当月费用，'.repeat(3),
          followUp: '协调网络部排查故障，三个工作日内回复客户处理结果',
          followUpDue: addDays(today, -days),
        });
      }
      await api.visits.create({
        accountId: account.id,
        kind: 'phone',
        occurredAt: at(addDays(today, -1)),
        content: '回访',
        followUp: '今天寄送合同',
        followUpDue: today,
      });
      await goto('#/agenda');
      const todayItem = page.getByRole('listitem').filter({ hasText: '今天寄送合同' });
      await todayItem.waitFor();
      const box = await todayItem.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(640);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      const overflowing = await page
        .locator('.agenda-item')
        .evaluateAll((rows) => rows.filter((row) => row.scrollWidth > row.clientWidth + 1).length);
      expect(overflowing).toBe(0);
    }
  });
});
