import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened } from './ui';

describe('the 360° profile at 1024×640', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`keeps every label clear of its value, a wrapped one too (${locale})`, async () => {
      let id = '';
      const { page, goto } = await openApp({
        locale,
        setup: async (api) => {
          id = (
            await api.accounts.create({
              kind: 'organization',
              name: '汕头市宏达玩具有限公司',
              creditCode: '9144030071526726XG',
              region: '汕头',
            })
          ).id;
        },
      });
      await page.setViewportSize({ width: 1024, height: 640 });
      await goto(`#/account/${id}`);
      await accountOpened(page, '汕头市宏达玩具有限公司');
      const gaps = await page.locator('.facts > div').evaluateAll((rows) =>
        rows.map((row) => {
          const label = row.querySelector('dt');
          const value = row.querySelector('dd');
          if (!label || !value) return { label: '', gap: 0 };
          // Where the label's text ends (its longest line), not its box.
          const range = document.createRange();
          range.selectNodeContents(label);
          const textRight = Math.max(...Array.from(range.getClientRects(), (rect) => rect.right));
          return { label: label.textContent ?? '', gap: value.getBoundingClientRect().left - textRight };
        }),
      );
      expect(gaps.length).toBeGreaterThan(5);
      for (const { label, gap } of gaps) expect({ label, gap: gap >= 8 }).toEqual({ label, gap: true });
    });
  }
});
