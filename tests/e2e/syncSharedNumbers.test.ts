import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { chooseSyncFile, openSync, otherDevice, passphrase } from './syncDevices';

/*
 * Two laptops each entered the same head-office number offline. The preview warns of the pair
 * (and still imports); the Sync page then lists the accounts sharing it, each a link.
 */

describe('accounts sharing a number after sync', () => {
  it('warns in the preview, imports, lists the pair on the Sync page and opens an account from it', async () => {
    const other = await otherDevice();
    const theirs = await other.api.accounts.create({
      kind: 'person',
      name: '远方的张三',
      customerNo: 'HQ0001',
    });
    const file = await other.exportFile();
    const { page, api } = await openApp({
      setup: async (client) => {
        await client.sync.setPassphrase({ passphrase });
        await client.accounts.create({ kind: 'person', name: '本机的张三', customerNo: 'HQ0001' });
      },
    });
    await openSync(page);
    const card = page.getByRole('region', { name: '编号相同的客户' });
    await card.getByText('没有客户编号或信用代码相同的客户。').waitFor();

    await chooseSyncFile(page, 'colleague.fbsync', file);
    const warning = page.getByRole('status').filter({ hasText: '导入后将有 1 对客户编号相同' });
    await warning.waitFor();
    expect(await warning.getByRole('listitem').textContent()).toBe(
      '客户编号 HQ0001: 远方的张三 (文件中新增) 与 本机的张三 (本机已有)',
    );
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入：新增 1，修改 0，冲突 0。').waitFor();
    expect((await api.accounts.list({})).total).toBe(2);

    const group = card.getByRole('list', { name: '编号相同的客户' }).getByRole('listitem').first();
    await group.getByRole('heading', { name: '客户编号 HQ0001' }).waitFor();
    expect(await group.getByRole('link').allTextContents()).toEqual(['本机的张三', '远方的张三']);
    await group.getByRole('link', { name: '远方的张三' }).click();
    await page.getByRole('heading', { level: 1, name: '远方的张三' }).waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/account/${theirs.id}`);
  });
});
