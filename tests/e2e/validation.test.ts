import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened, fieldError } from './ui';

/** Bad input is caught on its field and nothing reaches the database; duplicates are flagged. */
describe('invalid input', () => {
  it('refuses a bad phone number and an invalid credit code in the new account form', async () => {
    const { page, api } = await openApp();
    await page.getByRole('link', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByLabel('名称', { exact: true }).fill('李四');
    const phone = form.getByLabel('电话号码 1', { exact: true });
    await phone.fill('138 0013');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    expect(await fieldError(phone)).toBe(
      '不是有效的电话号码（手机、带区号的固话、400/800/95xxx，或以“+国家代码”开头的境外号码）',
    );
    await form.getByText('请更正标出的内容。').waitFor();

    await form.getByRole('radio', { name: '单位', exact: true }).check();
    await form.getByLabel('名称', { exact: true }).fill('揭阳市联华纺织有限公司');
    await phone.fill('0663-8234 5678');
    const creditCode = form.getByLabel('统一社会信用代码', { exact: true });
    await creditCode.fill('91350100M000100Y44');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    expect(await fieldError(creditCode)).toBe('统一社会信用代码无效（应为18位，且校验位正确）');
    expect(await phone.getAttribute('aria-invalid')).toBe('false');

    expect((await api.accounts.list({ status: 'all' })).total).toBe(0);
    expect(await form.isVisible()).toBe(true);
  });

  it('refuses a visit without content and an amount with three decimals', async () => {
    const { page, api, goto } = await openApp();
    const account = await api.accounts.create({ kind: 'organization', name: '汕头市金平区永兴贸易公司' });
    await goto(`#/account/${account.id}`);
    await accountOpened(page, account.name);

    await page.getByRole('button', { name: '记录服务', exact: true }).click();
    const visit = page.getByRole('dialog', { name: '记录服务' });
    const content = visit.getByLabel('服务内容', { exact: true });
    await content.fill('   ');
    await visit.getByRole('button', { name: '保存', exact: true }).click();
    expect(await fieldError(content)).toBe('请填写此项');
    await visit.getByRole('button', { name: '取消', exact: true }).click();
    await visit.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '录入消费' }).click();
    const consumption = page.getByRole('dialog', { name: '录入消费' });
    const amount = consumption.getByLabel('金额（元）', { exact: true });
    await amount.fill('12.345');
    await consumption.getByRole('button', { name: '保存', exact: true }).click();
    expect(await fieldError(amount)).toBe('请填写金额（元），最多两位小数，如 1234.50');

    expect(await api.visits.list({ accountId: account.id })).toEqual([]);
    expect(await api.consumption.list({ accountId: account.id })).toEqual([]);
    expect((await api.accounts.detail({ id: account.id })).visitCount).toBe(0);
  });
});

describe('possible duplicates', () => {
  it('warns of an account with the same phone, links to it, and saves anyway when asked', async () => {
    const { page, api } = await openApp();
    const existing = await api.accounts.create({
      kind: 'person',
      name: '王芳',
      phones: [{ number: '13800138000' }, { number: '075488123456' }],
    });

    await page.getByRole('link', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByLabel('名称', { exact: true }).fill('王小芳');
    await form.getByLabel('电话号码 1', { exact: true }).fill('+86 138 0013 8000');
    await form.getByRole('button', { name: '保存', exact: true }).click();

    const warning = form.getByRole('alert', { name: '可能已有该客户' });
    await warning.waitFor();
    const link = warning.getByRole('link', { name: '王芳', exact: true });
    expect(await link.getAttribute('href')).toBe(`#/account/${existing.id}`);
    expect((await api.accounts.list({})).total).toBe(1);

    await form.getByRole('button', { name: '仍然保存' }).click();
    await accountOpened(page, '王小芳');
    const hits = (await api.lookup.search({ query: '13800138000' })).hits.map((hit) => hit.account.name);
    expect(hits.sort()).toEqual(['王小芳', '王芳']);

    // The same warning when adding a phone; its link opens the other account.
    await page.getByRole('button', { name: '添加电话' }).click();
    const phoneForm = page.getByRole('dialog', { name: '添加电话' });
    await phoneForm.getByLabel('电话号码', { exact: true }).fill('(0754) 8812-3456');
    await phoneForm.getByRole('button', { name: '保存', exact: true }).click();
    await phoneForm
      .getByRole('alert', { name: '可能已有该客户' })
      .getByRole('link', { name: '王芳' })
      .click();
    await accountOpened(page, '王芳');
    const added = (await api.lookup.search({ query: '王小芳' })).hits[0]?.account.id ?? '';
    expect((await api.accounts.detail({ id: added })).phones.map((phone) => phone.number)).toEqual([
      '13800138000',
    ]);
  });
});
