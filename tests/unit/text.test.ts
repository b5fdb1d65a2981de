import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isAllowedText } from '../../shared/domain/text';
import { accountCreateInput, visitCreateInput } from '../../shared/schemas';

const person = (name: string, notes = '') => accountCreateInput.safeParse({ kind: 'person', name, notes });
const issueOf = (result: ReturnType<typeof person>) => result.error?.issues[0];

describe('text rules', () => {
  it('refuses what is not text, with one key', () => {
    for (const bad of [
      '张\u0000三', // NUL: SQLite would cut the name short
      '张三\u0007', // BEL
      '\u001b[31m张三\u001b[0m', // an ANSI colour escape
      '张\u009b31m三', // the one-byte CSI
      '张\u007f三', // DEL
      'abc\ud800', // a lone high surrogate
      '\udc00abc', // a lone low surrogate
      '\u202e三张', // a right-to-left override
      '张\t三', // a tab inside a one-line field
      '张\n三', // a line break inside a one-line field
    ]) {
      const issue = issueOf(person(bad));
      expect(issue?.message, JSON.stringify(bad)).toBe('invalid_characters');
      expect(issue?.path).toEqual(['name']);
    }
  });

  it('normalises: NFC, line breaks, invisible characters at the ends; invisible-only is blank', () => {
    expect(person('  e\u0301lodie\u200b ').data?.name).toBe('élodie');
    expect(person('\u3000王芳\ufeff').data?.name).toBe('王芳');
    // A line break at the end of a one-line cell (pasted from Excel) is trimmed, not refused.
    expect(person('王芳\r\n').data?.name).toBe('王芳');
    expect(issueOf(person('\u200b\u200c\u200d\u2060'))?.code).toBe('too_small');
    expect(person('王芳', '第一行\r\n第二行\r第三行\t制表').data?.notes).toBe('第一行\n第二行\n第三行\t制表');
    // A joiner inside an emoji sequence stays.
    expect(person('👨\u200d👩\u200d👧 家庭').data?.name).toBe('👨\u200d👩\u200d👧 家庭');
  });

  it('multi-line fields take line breaks and tabs, not control characters', () => {
    const visit = (content: string) =>
      visitCreateInput.safeParse({
        accountId: '0197a0b0-0000-7000-8000-000000000000',
        kind: 'onsite',
        content,
      });
    expect(visit('谈了\n\t续约').success).toBe(true);
    expect(visit('谈了\u001b[2J').error?.issues[0]?.message).toBe('invalid_characters');
  });

  it('property: cleaning is idempotent, and clean allowed text passes unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (raw, multiLine) => {
        const once = cleanText(raw);
        expect(cleanText(once)).toBe(once);
        if (isAllowedText(once, multiLine)) expect(isAllowedText(cleanText(once), multiLine)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: no allowed text holds a control character or a lone surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const value = cleanText(raw);
        if (!isAllowedText(value, true)) return;
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(value)).toBe(false);
        // UTF-8 round-trips only what has no lone surrogate.
        expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
