import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiClient } from '../../shared/api';

/*
 * For the sync tests: the other device — a second Fieldbook file opened here, written
 * to and exported through its own client, as a colleague's laptop would — and the Sync page's
 * steps in Chinese.
 */

export const passphrase = '青山绿水 team 2026';

export interface OtherDevice {
  readonly fieldbook: Fieldbook;
  readonly api: ApiClient;
  /** Its next sync file, as the bytes a colleague would hand over. */
  exportFile(options?: { full?: boolean; passphrase?: string }): Promise<Buffer>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

export async function otherDevice(): Promise<OtherDevice> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-other-'));
  const fieldbook = await openFieldbook(join(directory, 'fieldbook.db'));
  cleanups.push(() => {
    fieldbook.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const api = fieldbook.client({ actor: 'm002' });
  return {
    fieldbook,
    api,
    async exportFile(options = {}) {
      const exported = await api.sync.export({
        full: options.full ?? false,
        passphrase: options.passphrase ?? passphrase,
      });
      return Buffer.from(exported.contentBase64, 'base64');
    },
  };
}

export async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '同步', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '同步' }).waitFor();
}

export async function setPassphrase(page: Page, value: string): Promise<void> {
  await page.getByLabel('口令', { exact: true }).fill(value);
  await page.getByLabel('再次输入口令', { exact: true }).fill(value);
  await page.getByRole('button', { name: '设置口令', exact: true }).click();
  await page.getByText('本机已设置。').waitFor();
}

export async function chooseSyncFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByLabel('选择同步文件…', { exact: true })
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** The preview's row for one kind of record: new, changed, ignored, conflicts. */
export async function previewRow(page: Page, entity: string): Promise<string[]> {
  const row = page.getByRole('table', { name: '按记录类型的修改' }).getByRole('row', { name: entity });
  await row.waitFor();
  return row.getByRole('cell').evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
}
