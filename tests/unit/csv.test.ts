import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { unguardCell } from '../../db/imports/readCsv';
import { BOM, csvCell, toCsv } from '../../shared/domain/csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it('writes numbers as numbers and empty for null, undefined and non-finite', () => {
    expect(csvCell(1234.5)).toBe('1234.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses text that Excel would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3+cmd')).toBe("'-2+3+cmd");
    expect(csvCell('\tx')).toBe("'\tx");
  });

  it('leaves signed numbers as they are, and defuses sums that look like numbers', () => {
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-1,000')).toBe('"-1,000"');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell('-2-3')).toBe("'-2-3");
    expect(csvCell('+86-138-0013-8000')).toBe("'+86-138-0013-8000");
    expect(csvCell('(0754) 8812 8000')).toBe('(0754) 8812 8000');
  });

  it('keeps phones, numbers and IDs intact as text for Excel in text columns, quoted as RFC 4180 says', () => {
    expect(csvCell('075488128000', true)).toBe('"=""075488128000"""');
    expect(csvCell('440524198001010013', true)).toBe('"=""440524198001010013"""');
    expect(csvCell('+8613800138000', true)).toBe('"=""+8613800138000"""');
    expect(csvCell('+86 138 0013 8000', true)).toBe('"=""+86 138 0013 8000"""');
    expect(csvCell('+86-138-0013-8000', true)).toBe('"=""+86-138-0013-8000"""');
    expect(csvCell('K0ABCDEF12345', true)).toBe('K0ABCDEF12345');
    expect(csvCell('075488128000')).toBe('075488128000');
  });

  it('writes every value as it is in the plain style, quoted only where RFC 4180 needs it', () => {
    expect(csvCell('075488128000', true, 'plain')).toBe('075488128000');
    expect(csvCell('+86-138-0013-8000', true, 'plain')).toBe('+86-138-0013-8000');
    expect(csvCell('=SUM(A1)', false, 'plain')).toBe('=SUM(A1)');
    expect(csvCell('-2-3', false, 'plain')).toBe('-2-3');
    expect(csvCell('a,"b"', false, 'plain')).toBe('"a,""b"""');
    expect(csvCell(12.5, false, 'plain')).toBe('12.5');
  });

  it('writes cells a strict RFC 4180 reader takes, and reads back as the text it was', () => {
    const values = ['0754-8812 8000', '+86 138 0013 8000', '=HYPERLINK("x")', 'a "b", c', '-2-3', '王芳'];
    for (const style of ['excel', 'plain'] as const) {
      const line = values.map((value, index) => csvCell(value, index < 2, style)).join(',');
      const [cells] = parse(line, { relax_quotes: false }) as string[][];
      expect((cells ?? []).map(unguardCell)).toEqual(values);
    }
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends every line with CRLF, and keeps Chinese intact', () => {
    const csv = toCsv(
      [
        { header: '客户名称', value: (row: { name: string; fen: number }) => row.name },
        { header: '金额, 元', value: (row) => row.fen / 100 },
      ],
      [
        { name: '汕头市三环电子有限公司', fen: 123456 },
        { name: '王芳', fen: 5 },
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('客户名称,"金额, 元"\r\n汕头市三环电子有限公司,1234.56\r\n王芳,0.05\r\n');
  });

  it('writes just the header for no rows', () => {
    expect(toCsv([{ header: 'a', value: () => 1 }], [])).toBe(`${BOM}a\r\n`);
  });

  it('leaves the byte-order mark out of a plain file', () => {
    expect(toCsv([{ header: '电话', value: () => '0754', asText: true }], [1], 'plain')).toBe(
      '电话\r\n0754\r\n',
    );
  });
});
