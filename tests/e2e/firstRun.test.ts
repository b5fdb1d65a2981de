import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened } from './ui';

/**
 * The first start asks who uses the laptop: without it "my accounts" would be the operating
 * system's user name, and new accounts would be owned by it.
 */
describe('first run', () => {
  it('asks for the language and the manager, then records new accounts under that manager', async () => {
    const { page, api } = await openApp({ firstRun: true, locale: 'en', actor: 'root' });
    const welcome = page.getByRole('dialog', { name: 'Welcome to Fieldbook' });
    await welcome.waitFor();
    // The OS user is offered, never taken silently.
    expect(await welcome.getByLabel('Manager code', { exact: true }).inputValue()).toBe('root');
    // Its words and the language sit at the form's margins, not against the dialog's edge.
    const left = async (label: string) => (await welcome.getByLabel(label, { exact: true }).boundingBox())?.x;
    expect(await left('Language')).toBe(await left('Manager code'));

    await welcome.getByLabel('Language', { exact: true }).selectOption({ label: '简体中文' });
    const chinese = page.getByRole('dialog', { name: '欢迎使用 Fieldbook' });
    await chinese.getByLabel('客户经理工号', { exact: true }).fill('');
    await chinese.getByRole('button', { name: '开始使用' }).click();
    await chinese.getByText('请填写工号').waitFor();
    await chinese.getByLabel('客户经理工号', { exact: true }).fill('m042');
    await chinese.getByLabel('姓名', { exact: true }).fill('陈经理');
    await chinese.getByRole('button', { name: '开始使用' }).click();
    await chinese.waitFor({ state: 'detached' });
    expect(await api.settings.get()).toMatchObject({
      managerCode: 'm042',
      managerName: '陈经理',
      language: 'zh-CN',
    });

    await page.getByRole('link', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByLabel('名称', { exact: true }).fill('林晓燕');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await accountOpened(page, '林晓燕');
    // This laptop's manager is shown by name, beside the code the book keeps.
    await page.getByRole('region', { name: '基本资料' }).getByText('陈经理 m042', { exact: true }).waitFor();
    const [account] = (await api.accounts.list({})).rows;
    expect(account?.owner).toBe('m042');

    // Answered once: a reload does not ask again.
    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('a laptop whose manager is known is not asked', async () => {
    const { page } = await openApp();
    await page.getByRole('link', { name: '客户' }).first().waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
