import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened, eventually, fieldError } from './ui';

/**
 * Every record on the account screen can be corrected and deleted with Undo, through the UI,
 * each change checked in the database and its audit trail.
 */
async function personWithRecords() {
  const app = await openApp();
  const { api, goto, page } = app;
  const company = await api.accounts.create({ kind: 'organization', name: '潮州市三环电子有限公司' });
  const person = await api.accounts.create({
    kind: 'person',
    name: '郑丽君',
    phones: [{ number: '13800138000' }],
  });
  await api.relationships.create({ fromId: company.id, toId: person.id, type: 'employs', role: '会计' });
  const visit = await api.visits.create({
    accountId: person.id,
    kind: 'onsite',
    content: '初次拜访',
    occurredAt: '2026-11-20T09:30:00+08:00',
  });
  await api.anniversaries.create({
    accountId: person.id,
    kind: 'birthday',
    calendar: 'gregorian',
    month: 3,
    day: 8,
  });
  await goto(`#/account/${person.id}`);
  await accountOpened(page, '郑丽君');
  return { ...app, person, visit };
}

describe('correcting records', () => {
  it('edits a visit, deletes it and brings it back with Undo', async () => {
    const { page, api, person, visit } = await personWithRecords();
    const visits = page.getByRole('region', { name: /^服务记录/ });
    const row = visits.getByRole('listitem').filter({ hasText: '初次拜访' });
    await row.getByRole('button', { name: /^编辑 上门走访/ }).click();

    const form = page.getByRole('dialog', { name: '编辑服务记录' });
    await form.getByLabel('服务方式', { exact: true }).selectOption({ label: '电话沟通' });
    await form.getByLabel('服务内容', { exact: true }).fill('电话回访，确认宽带已修复');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await visits.getByText('电话回访，确认宽带已修复').waitFor();
    const [stored] = await api.visits.list({ accountId: person.id });
    // What was not touched is kept as it was, the time to the second included.
    expect(stored).toEqual({ ...visit, kind: 'phone', content: '电话回访，确认宽带已修复' });
    const [audit] = await api.audit.list({ entity: 'visit', entityId: visit.id, limit: 1 });
    expect(audit).toMatchObject({
      action: 'update',
      before: { kind: 'onsite', content: '初次拜访' },
      after: { kind: 'phone', content: '电话回访，确认宽带已修复' },
    });

    await visits.getByRole('button', { name: /^删除 电话沟通/ }).click();
    const toast = page.getByRole('status').filter({ hasText: '已删除' });
    await toast.waitFor();
    await visits.getByText('电话回访，确认宽带已修复').waitFor({ state: 'detached' });
    await eventually(async () => (await api.visits.list({ accountId: person.id })).length).toBe(0);
    await toast.getByRole('button', { name: '撤销' }).click();
    await visits.getByText('电话回访，确认宽带已修复').waitFor();
    await eventually(async () => (await api.visits.list({ accountId: person.id })).length).toBe(1);
  });

  it('edits a phone’s number, a relationship’s role and an anniversary’s day', async () => {
    const { page, api, person } = await personWithRecords();
    const detail = () => api.accounts.detail({ id: person.id });

    const phones = page.getByRole('region', { name: '电话' });
    await phones.getByRole('button', { name: '编辑 138 0013 8000' }).click();
    const phoneForm = page.getByRole('dialog', { name: '编辑电话' });
    await phoneForm.getByLabel('电话号码', { exact: true }).fill('139-0013-9000');
    await phoneForm.getByLabel('类型', { exact: true }).selectOption({ label: '办公' });
    await phoneForm.getByRole('button', { name: '保存', exact: true }).click();
    await phones.getByRole('link', { name: '139 0013 9000' }).waitFor();
    await eventually(async () => (await detail()).phones.map((p) => [p.number, p.label])).toEqual([
      ['13900139000', 'office'],
    ]);

    const relationships = page.getByRole('region', { name: '关系' });
    await relationships.getByRole('button', { name: '编辑 潮州市三环电子有限公司' }).click();
    const relationForm = page.getByRole('dialog', { name: '编辑关系' });
    await relationForm.getByLabel('职务 / 称谓', { exact: true }).fill('财务总监');
    await relationForm.getByRole('button', { name: '保存', exact: true }).click();
    await relationships.getByText('财务总监').waitFor();
    await eventually(async () => (await detail()).relationships.map((r) => r.role)).toEqual(['财务总监']);

    const anniversaries = page.getByRole('region', { name: '纪念日' });
    await anniversaries.getByRole('button', { name: '编辑 生日 公历 3月8日' }).click();
    const dayForm = page.getByRole('dialog', { name: '编辑纪念日' });
    await dayForm.getByLabel('日', { exact: true }).selectOption('18');
    await dayForm.getByRole('button', { name: '保存', exact: true }).click();
    await anniversaries.getByText('公历 3月18日').waitFor();
    await eventually(async () => (await detail()).anniversaries.map((a) => [a.month, a.day])).toEqual([
      [3, 18],
    ]);
  });

  it('asks before a second birthday, shows the one there, and keeps both on Save anyway', async () => {
    const { page, api, person } = await personWithRecords();
    await page.getByRole('button', { name: '添加纪念日' }).click();
    const form = page.getByRole('dialog', { name: '添加纪念日' });
    await form.getByLabel('月', { exact: true }).selectOption('4');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.getByText('该客户已有一个相同的纪念日。', { exact: false }).waitFor();
    await form.getByText('该客户已有： 生日 公历 3月8日').waitFor();
    expect((await api.accounts.detail({ id: person.id })).anniversaries).toHaveLength(1);
    // One primary action: Save has become Save anyway.
    expect(await form.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    await form.getByRole('button', { name: '仍然保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    expect((await api.accounts.detail({ id: person.id })).anniversaries).toHaveLength(2);
  });
});

describe('a visit’s follow-up and date', () => {
  it('refuses a follow-up date without its text, and one before the visit, each on its field', async () => {
    const { page, api, person } = await personWithRecords();
    await page.getByRole('button', { name: '记录服务', exact: true }).first().click();
    const form = page.getByRole('dialog', { name: '记录服务' });
    await form.getByLabel('服务内容', { exact: true }).fill('上门签约');
    await form.getByLabel('时间', { exact: true }).fill('2026-11-20 10:00');
    const due = form.getByLabel('跟进期限', { exact: true });
    await due.fill('2026-11-27');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    const followUp = form.getByLabel('后续跟进', { exact: true });
    expect(await fieldError(followUp)).toBe('请填写跟进内容，或清除跟进期限');
    // The focus is where the user must act, not on Save.
    expect(await followUp.evaluate((element) => element === document.activeElement)).toBe(true);
    await followUp.fill('寄送合同');
    // Corrected: the error goes without another Save.
    await expect.poll(() => followUp.getAttribute('aria-invalid')).toBe('false');

    await due.fill('2026-11-19');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    expect(await fieldError(due)).toBe('跟进期限不能早于服务日期');
    expect(await due.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await api.visits.list({ accountId: person.id })).toHaveLength(1);

    await due.fill('2026/11/21');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const [saved] = await api.visits.list({ accountId: person.id });
    expect(saved).toMatchObject({ content: '上门签约', followUp: '寄送合同', followUpDue: '2026-11-21' });
  });

  it('says a visit dated in the future will be a planned visit, and saves it', async () => {
    const { page, api, person } = await personWithRecords();
    await page.getByRole('button', { name: '记录服务', exact: true }).first().click();
    const form = page.getByRole('dialog', { name: '记录服务' });
    const when = form.getByLabel('时间', { exact: true });
    expect(await form.getByText('这将是一次计划中的拜访，会显示在待办中。').count()).toBe(0);
    await when.fill('2099-01-05 10:00');
    await form.getByText('这将是一次计划中的拜访，会显示在待办中。').waitFor();
    // The date spelled out in the UI's language, whatever the system's.
    await form.getByText('2099年1月5日 星期一 10:00').waitFor();
    await form.getByLabel('服务内容', { exact: true }).fill('计划回访');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const planned = (await api.visits.list({ accountId: person.id })).find((v) => v.content === '计划回访');
    expect(new Date(planned?.occurredAt ?? '').getFullYear()).toBe(2099);
    await page
      .getByRole('region', { name: /^服务记录/ })
      .getByText('计划', { exact: true })
      .waitFor();
  });
});
