import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

/**
 * What a window says for each storage fault, in both languages: a user whose Save met a locked
 * book or a full disk must learn that the change was not saved (and keeps the form to try again).
 */
const faults = ['BUSY', 'DB_BUSY', 'DISK_FULL', 'READ_ONLY', 'DB_CORRUPT', 'DB_IO'] as const;

describe('storage fault messages', () => {
  it.each(faults)('%s says the change was not saved, in English and in Chinese', (code) => {
    expect(en.error[code]).toMatch(/not saved/);
    expect(zhCN.error[code]).toMatch(/未保存/);
    for (const text of [en.error[code], zhCN.error[code]]) {
      expect(text).not.toMatch(/SQLITE|ENOSPC|EROFS|\n/);
    }
  });
});
