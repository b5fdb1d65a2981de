import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upgradeCopyPath } from '../../db/bookFiles';
import { openFieldbook } from '../../db/service';
import { peek } from '../faults/books';
import { openApp } from './harness';
import { searchResults } from './ui';

/** A book with a page of noise (one the screens do not read) and a verified copy beside it. */
async function damagedBook(path: string): Promise<void> {
  const book = await openFieldbook(path);
  const api = book.client({ actor: 'm001' });
  await api.accounts.create({ kind: 'person', name: '张三', phones: [{ number: '138 0013 8000' }] });
  for (let n = 0; n < 60; n++)
    await api.accounts.create({ kind: 'organization', name: `汕头港务${n}有限公司` });
  book.close();
  copyFileSync(path, upgradeCopyPath(path));
  const { page, size } = peek(path, (sqlite) => ({
    page: Number(
      sqlite
        .prepare("SELECT max(pageno) FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'")
        .pluck()
        .get(),
    ),
    size: Number(sqlite.pragma('page_size', { simple: true })),
  }));
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x3c), 0, size, (page - 1) * size);
  closeSync(fd);
}

describe('a damaged book in the window', () => {
  it('says so above every screen, names the verified copy, and search still works (中文)', async () => {
    const { page, databasePath } = await openApp({ locale: 'zh-CN', book: damagedBook });
    const banner = page.getByRole('alert');
    await banner.getByText('此账本已损坏。').waitFor();
    expect(await banner.textContent()).toContain(`最近一次经验证的副本：${upgradeCopyPath(databasePath)}`);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('8000');
    await expect.poll(() => searchResults(page)).toEqual([{ name: '张三', marks: ['8000'] }]);
    await page.getByRole('link', { name: '设置' }).click();
    await banner.getByText('此账本已损坏。').waitFor();
  });

  it('in English', async () => {
    const { page } = await openApp({ locale: 'en', book: damagedBook });
    const banner = page.getByRole('alert');
    await banner.getByText('This book is damaged.').waitFor();
    expect(await banner.textContent()).toContain('It is open for reading only');
  });
});
