import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';

describe('Audit page', () => {
  it('filters by account and action, shows before → after, exports CSV and verifies the chain', async () => {
    const { page, api, goto } = await openApp({
      setup: async (client) => {
        const zhang = await client.accounts.create({ kind: 'person', name: '张三', notes: '老客户' });
        const li = await client.accounts.create({ kind: 'person', name: '李四' });
        await client.accounts.update({ id: zhang.id, name: '张三丰', tier: 'partner' });
        await client.visits.create({ accountId: zhang.id, kind: 'phone', content: '回访' });
        await client.accounts.delete({ id: li.id });
      },
    });
    await goto('#/audit');
    const list = page.getByRole('table', { name: '审计日志条目，最新的在前' });
    await expect.poll(() => list.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);

    // The account filter: found by name, only its entries (its own and its visit's) remain.
    await page.getByLabel('客户', { exact: true }).fill('张三');
    await page.locator('#audit-accounts option[value="张三丰"]').waitFor({ state: 'attached' });
    await page.getByLabel('客户', { exact: true }).fill('张三丰');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
    await expect.poll(() => list.locator('tbody').innerText()).not.toContain('删除');

    // With the action too: the one change.
    await page.getByLabel('操作', { exact: true }).selectOption({ label: '修改' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);

    // The entry opens: before → after, the changed fields marked.
    await list.locator('tbody tr').first().getByRole('button').click();
    const detail = page.getByRole('complementary');
    const name = detail.getByRole('row', { name: /名称/ });
    await expect.poll(() => name.innerText()).toMatch(/名称\s+张三\s+张三丰/);
    expect(await name.getAttribute('class')).toBe('audit-changed');

    // Export: a CSV of the filtered entries, and the export recorded with its filter.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出CSV' }).click(),
    ]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('张三丰');
    const [entry] = await api.audit.list({ entity: 'audit' });
    expect(entry).toMatchObject({ action: 'export', after: { filters: { action: 'update' }, rows: 1 } });

    // The export shows among the exports.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('操作', { exact: true }).selectOption({ label: '导出' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: '校验日志链' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '链条完整' }).count()).toBe(1);
  });
});
