import { readFileSync } from 'node:fs';
import { readManifest } from '../../db/sync/bundleFile';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { chooseSyncFile, openSync, otherDevice, passphrase, previewRow, setPassphrase } from './syncDevices';
import { eventually, fieldError, searchResults } from './ui';

/*
 * Sync between two devices. The app under test is one; the other is a second Fieldbook file opened
 * here, written to and exported through its own client, as a colleague's laptop would.
 */

describe('sync', () => {
  it('sets the passphrase, imports a colleague’s file after a preview, recognises it again, and exports a file the colleague imports', async () => {
    const other = await otherDevice();
    await other.api.accounts.create({ kind: 'organization', name: '远方贸易有限公司', notes: '总部在深圳' });
    const file = await other.exportFile();

    const { page, api, goto } = await openApp({
      setup: (client) => client.accounts.create({ kind: 'person', name: '本机客户' }),
    });
    await openSync(page);
    await page.getByText('未设置：设置之前，本机无法生成或读取同步文件。').waitFor();
    // Preview mode has no OS keyring: the page says the passphrase lasts until the app closes.
    await page.getByText(/^仅在应用关闭前记住/).waitFor();
    expect(await page.getByRole('button', { name: '导出同步文件', exact: true }).isDisabled()).toBe(true);

    // A mismatch is caught before anything is sent.
    await page.getByLabel('口令', { exact: true }).fill(passphrase);
    await page.getByLabel('再次输入口令', { exact: true }).fill('something else');
    await page.getByRole('button', { name: '设置口令', exact: true }).click();
    await page.getByText('两次输入不一致').waitFor();
    // A new passphrase has 12 characters at least; the form says so in the user's language.
    await page.getByLabel('口令', { exact: true }).fill('十一个字符的口令abc');
    await page.getByLabel('再次输入口令', { exact: true }).fill('十一个字符的口令abc');
    await page.getByRole('button', { name: '设置口令', exact: true }).click();
    await page.getByText('新的团队口令至少 12 个字符').waitFor();
    expect((await api.settings.get()).syncPassphraseSet).toBe(false);
    await setPassphrase(page, passphrase);
    expect((await api.settings.get()).syncPassphraseSet).toBe(true);
    await page.getByRole('button', { name: '更改口令', exact: true }).waitFor();
    // Whoever set one under the former 8-character rule is asked for a longer one.
    await page.getByText(/^团队口令现在至少需要 12 个字符/).waitFor();

    await chooseSyncFile(page, '远方.fbsync', file);
    expect(await previewRow(page, '客户')).toEqual(['1', '0', '0', '0']);
    const facts = page.getByRole('definition');
    await facts.filter({ hasText: '远方.fbsync' }).waitFor();
    const otherNode = (await other.api.sync.history()).at(0)?.sourceNode ?? '';
    await facts.filter({ hasText: otherNode.slice(0, 8) }).waitFor();
    expect(await api.accounts.list({})).toMatchObject({ total: 1 });

    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入：新增 1，修改 0，冲突 0。').waitFor();
    const history = page.getByRole('table', { name: '本机生成和导入的同步文件，最新的在前' });
    await history
      .getByRole('row')
      .filter({ hasText: otherNode.slice(0, 8) })
      .waitFor();
    expect(await history.getByRole('row').nth(1).textContent()).toContain('新增 1 · 修改 0 · 冲突 0');

    // The same file again: recognised, and nothing changes.
    await chooseSyncFile(page, '远方.fbsync', file);
    await page.getByText('该文件之前已导入：再次导入不会有任何变化。').waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('之前已导入：0 处变化。').waitFor();
    expect((await api.accounts.list({})).total).toBe(2);

    // This device's export, downloaded, is what the colleague imports; it says why it was written.
    await page.getByRole('radio', { name: '全部（完整导出）' }).check();
    expect(await page.getByLabel('用途').first().inputValue()).toBe('与团队日常同步');
    await page.getByLabel('用途').first().fill('新同事入职');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出同步文件', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fieldbook-m001-[0-9a-f]{8}-\d{8}-\d{6}-full\.fbsync$/);
    const exported = readFileSync((await download.path()) ?? '');
    expect(readManifest(exported).purpose).toBe('新同事入职');
    const imported = await other.api.sync.import({ contentBase64: exported.toString('base64'), passphrase });
    expect(imported.entities['account']).toMatchObject({ new: 1, ignoredOlder: 1 });
    expect((await other.api.accounts.list({})).rows.map((row) => row.name).sort()).toEqual(
      ['本机客户', '远方贸易有限公司'].sort(),
    );
    await history.getByRole('row').filter({ hasText: '导出（完整）' }).waitFor();

    // The imported account is found like any other.
    await goto('#/search');
    await page.getByRole('combobox', { name: '查找客户' }).fill('远方');
    await eventually(async () => (await searchResults(page)).map((result) => result.name)).toEqual([
      '远方贸易有限公司',
    ]);
  });

  it('refuses a file made with another passphrase, with the translated message, changing nothing', async () => {
    const other = await otherDevice();
    await other.api.accounts.create({ kind: 'person', name: '陌生人' });
    const file = await other.exportFile({ passphrase: 'another team passphrase' });

    const { page, api } = await openApp();
    await openSync(page);
    await setPassphrase(page, passphrase);
    await chooseSyncFile(page, 'other-team.fbsync', file);
    await page
      .getByRole('alert')
      .filter({ hasText: '该文件使用了不同的团队口令。请在“同步”页或“设置”中检查团队口令。' })
      .waitFor();
    expect(await page.getByRole('button', { name: '导入', exact: true }).count()).toBe(0);
    expect((await api.accounts.list({})).total).toBe(0);
    expect(await api.sync.history()).toEqual([]);
  });

  it('files a lost edit of the same notes in the inbox, and merging by hand saves both', async () => {
    const other = await otherDevice();
    const shared = await other.api.accounts.create({
      kind: 'organization',
      name: '共同客户有限公司',
      notes: '原始备注',
    });
    const first = await other.exportFile();

    const { page, api } = await openApp({
      setup: async (client) => {
        await client.sync.setPassphrase({ passphrase });
        await client.sync.import({ contentBase64: first.toString('base64') });
        await client.accounts.update({ id: shared.id, notes: '本机：周三回访' });
      },
    });
    // The colleague edits the same notes later: that edit wins, this device's is filed.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await other.api.accounts.update({ id: shared.id, notes: '远方：已签续约' });
    const second = await other.exportFile();

    await openSync(page);
    await page.getByText('本机已设置。').waitFor();
    await chooseSyncFile(page, 'second.fbsync', second);
    expect(await previewRow(page, '客户')).toEqual(['0', '1', '0', '1']);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入：新增 0，修改 1，冲突 1。').waitFor();

    const inbox = page.getByRole('list', { name: '待处理的冲突' });
    const conflict = inbox.getByRole('listitem').filter({ hasText: '客户 · 备注' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('当前内容远方：已签续约');
    expect(await conflict.textContent()).toContain('另一处修改本机：周三回访');
    await conflict.getByRole('link', { name: '打开 共同客户有限公司' }).waitFor();

    await conflict.getByRole('button', { name: '手动合并' }).click();
    const merged = conflict.getByLabel('备注的合并内容');
    expect(await merged.inputValue()).toBe('远方：已签续约\n本机：周三回访');
    await merged.fill('远方：已签续约；本机：周三回访');
    await conflict.getByRole('button', { name: '保存合并内容' }).click();
    await page.getByText('没有待处理的冲突。').waitFor();
    // Said in the inbox, not in a toast over the page.
    await page
      .getByRole('region', { name: '待处理的冲突' })
      .getByRole('status')
      .filter({ hasText: '冲突已处理。' })
      .waitFor();
    expect(await page.locator('.toast').count()).toBe(0);
    expect((await api.accounts.get({ id: shared.id })).notes).toBe('远方：已签续约；本机：周三回访');
    expect(await api.sync.conflicts()).toEqual([]);
  });

  it('shows under the merge box why the service refuses a merged name, and the conflict stays', async () => {
    const other = await otherDevice();
    const shared = await other.api.accounts.create({ kind: 'organization', name: '共同客户有限公司' });
    const first = await other.exportFile();
    const { page, api } = await openApp({
      setup: async (client) => {
        await client.sync.setPassphrase({ passphrase });
        await client.sync.import({ contentBase64: first.toString('base64') });
        await client.accounts.update({ id: shared.id, name: '共同客户（本机改名）' });
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await other.api.accounts.update({ id: shared.id, name: '共同客户（远方改名）' });
    await api.sync.import({ contentBase64: (await other.exportFile()).toString('base64') });

    await openSync(page);
    const conflict = page
      .getByRole('list', { name: '待处理的冲突' })
      .getByRole('listitem')
      .filter({ hasText: '客户 · 名称' });
    await conflict.getByRole('button', { name: '手动合并' }).click();
    const merged = conflict.getByLabel('名称的合并内容');
    await merged.fill('   ');
    await conflict.getByRole('button', { name: '保存合并内容' }).click();
    expect(await fieldError(merged)).toBe('请填写此项');
    await merged.fill('名'.repeat(101));
    await conflict.getByRole('button', { name: '保存合并内容' }).click();
    await conflict.getByText('最多 100 个字').waitFor();
    expect(await fieldError(merged)).toBe('最多 100 个字');
    expect(await api.sync.conflicts()).toHaveLength(1);
    expect((await api.accounts.get({ id: shared.id })).name).toBe('共同客户（远方改名）');

    await merged.fill('共同客户有限公司（合并）');
    expect(await conflict.getByText('最多 100 个字').count()).toBe(0);
    await conflict.getByRole('button', { name: '保存合并内容' }).click();
    await page.getByText('没有待处理的冲突。').waitFor();
    expect((await api.accounts.get({ id: shared.id })).name).toBe('共同客户有限公司（合并）');
  });
});
