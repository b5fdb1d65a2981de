import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened, eventually } from './ui';

/** A new user records a company and a person who works there, through the forms. */
describe('creating accounts', () => {
  it('creates a company and a person employed there, with phones in any format', async () => {
    const { page, api } = await openApp();

    await page.getByRole('link', { name: '新建客户' }).click();
    let form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByRole('radio', { name: '单位', exact: true }).check();
    await form.getByLabel('名称', { exact: true }).fill('汕头市宏达玩具有限公司');
    await form.getByLabel('客户等级', { exact: true }).selectOption({ label: '战略客户' });
    await form.getByLabel('电话号码 1', { exact: true }).fill('0754-8812 0000');
    await form.getByLabel('统一社会信用代码', { exact: true }).fill('9144030071526726XG');
    await form.getByLabel('地区', { exact: true }).fill('汕头');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await accountOpened(page, '汕头市宏达玩具有限公司');
    await page.getByText('0754 8812 0000').waitFor();

    const companies = await api.accounts.list({ kind: 'organization' });
    expect(companies.total).toBe(1);
    const company = await api.accounts.detail({ id: companies.rows[0]?.id ?? '' });
    expect(company.account).toMatchObject({
      tier: 'strategic',
      creditCode: '9144030071526726XG',
      region: '汕头',
    });
    expect(company.phones.map((phone) => [phone.number, phone.label])).toEqual([['075488120000', 'office']]);

    await page.getByRole('link', { name: '新建客户' }).click();
    form = page.getByRole('dialog', { name: '新建客户' });
    await expect.poll(() => form.getByRole('radio', { name: '个人', exact: true }).isChecked()).toBe(true);
    await form.getByLabel('名称', { exact: true }).fill('陈志强');
    await form.getByLabel('电话号码 1', { exact: true }).fill('+86 138-0013-8000');
    await form.getByRole('button', { name: '再添加一个电话' }).click();
    await form.getByLabel('电话号码 2', { exact: true }).fill('(0754) 8812 3456');
    await form.getByLabel('类型', { exact: true }).nth(1).selectOption({ label: '办公' });
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await accountOpened(page, '陈志强');
    await page.getByRole('link', { name: '138 0013 8000' }).waitFor();
    await page.getByRole('link', { name: '0754 8812 3456' }).waitFor();

    // A third number, in yet another format, from the account screen.
    await page.getByRole('button', { name: '添加电话' }).click();
    const phoneForm = page.getByRole('dialog', { name: '添加电话' });
    await phoneForm.getByLabel('电话号码', { exact: true }).fill('0086 139.1234.5678');
    await phoneForm.getByLabel('说明', { exact: true }).fill('私人号码');
    await phoneForm.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('link', { name: '139 1234 5678' }).waitFor();

    const people = await api.accounts.list({ kind: 'person' });
    const personId = people.rows[0]?.id ?? '';
    const person = await api.accounts.detail({ id: personId });
    expect(person.phones.map((phone) => [phone.number, phone.label]).sort()).toEqual([
      ['075488123456', 'office'],
      ['13800138000', 'mobile'],
      ['13912345678', 'mobile'],
    ]);

    // Employed there: the relationship form, choosing the company by typing part of its name.
    await page.getByRole('button', { name: '关联客户' }).click();
    const link = page.getByRole('dialog', { name: '关联客户' });
    await link.getByLabel('关系', { exact: true }).selectOption({ label: '任职' });
    await link.getByLabel('关联客户', { exact: true }).pressSequentially('宏达');
    await link.getByRole('option', { name: /汕头市宏达玩具有限公司/ }).waitFor();
    await link.getByLabel('关联客户', { exact: true }).press('Enter');
    await link.getByLabel('职务 / 称谓', { exact: true }).fill('总经理');
    await link.getByRole('button', { name: '保存', exact: true }).click();
    await link.waitFor({ state: 'detached' });
    const relations = page.getByRole('region', { name: '关系' });
    await relations.getByRole('link', { name: '汕头市宏达玩具有限公司' }).waitFor();
    await relations.getByText('任职单位').waitFor();

    await eventually(async () =>
      (await api.accounts.detail({ id: personId })).relationships.map((view) => ({
        type: view.type,
        direction: view.direction,
        other: view.other.id,
        role: view.role,
      })),
    ).toEqual([{ type: 'employs', direction: 'in', other: company.account.id, role: '总经理' }]);

    // The company's side shows its employee.
    await relations.getByRole('link', { name: '汕头市宏达玩具有限公司' }).click();
    await accountOpened(page, '汕头市宏达玩具有限公司');
    await page.getByRole('region', { name: '关系' }).getByRole('link', { name: '陈志强' }).waitFor();
  });
});
