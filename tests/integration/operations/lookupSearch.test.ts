import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, LookupHit } from '../../../shared/types';
import { creditCode, openBook, type Book } from './helpers';

/** One book for the file: searching only reads. */
let book: Book;
let zhang: Account;
let zeng: Account;
let ibm: Account;
let bank: Account;
let archived: Account;
const bankCode = creditCode('91430100MA4L00001');

beforeAll(async () => {
  book = await openBook();
  zhang = book.ok('accounts.create', { kind: 'person', name: '张三', phones: [{ number: '138 0013 8000' }] });
  zeng = book.ok('accounts.create', {
    kind: 'person',
    name: '曾小明',
    phones: [{ number: '0754-88123456' }],
  });
  ibm = book.ok('accounts.create', { kind: 'organization', name: 'IBM中国', customerNo: 'HQ-2019-001' });
  bank = book.ok('accounts.create', { kind: 'organization', name: '长沙银行', creditCode: bankCode });
  archived = book.ok('accounts.create', {
    kind: 'person',
    name: '张伟',
    phones: [{ number: '13900138000' }],
  });
  book.ok('accounts.archive', { id: archived.id });
  const gone = book.ok('accounts.create', {
    kind: 'person',
    name: '张飞',
    phones: [{ number: '13700138000' }],
  });
  book.ok('accounts.delete', { id: gone.id });
});
afterAll(() => book.close());

const search = (query: string, includeArchived = true) =>
  book.ok('lookup.search', { query, includeArchived });
const brief = (hit: LookupHit) => [
  hit.account.name,
  hit.field,
  hit.match,
  hit.text.slice(hit.start, hit.end),
];

describe('lookup.search', () => {
  it('finds phones by their last digits, active accounts first, deleted ones never', () => {
    const result = search('8000');
    expect(result.kind).toBe('digits');
    expect(result.hits.map(brief)).toEqual([
      ['张三', 'phone', 'suffix', '8000'],
      ['张伟', 'phone', 'suffix', '8000'],
    ]);
    expect(result.hits[1]?.account.status).toBe('archived');
    expect(search('8000', false).hits.map((hit) => hit.account.id)).toEqual([zhang.id]);
  });

  it('finds a whole number however it is written', () => {
    for (const query of ['+86 138 0013 8000', '13800138000', '138-0013-8000']) {
      expect(search(query).hits.map(brief)).toEqual([['张三', 'phone', 'exact', '13800138000']]);
    }
    expect(search('+86 754 8812 3456').hits.map(brief)).toEqual([
      ['曾小明', 'phone', 'exact', '075488123456'],
    ]);
  });

  it('finds names by a Han substring, full pinyin and initials', () => {
    expect(search('小明').hits.map(brief)).toEqual([['曾小明', 'name', 'substring', '小明']]);
    expect(search('zengxiaoming').hits.map(brief)).toEqual([['曾小明', 'pinyin', 'exact', '曾小明']]);
    expect(search('zeng xiao').hits.map(brief)).toEqual([['曾小明', 'pinyin', 'prefix', '曾小']]);
    expect(search('zxm').hits.map(brief)).toEqual([['曾小明', 'initials', 'exact', '曾小明']]);
    expect(search('zs').hits.map(brief)).toEqual([['张三', 'initials', 'exact', '张三']]);
    expect(search('yinhang').hits.map(brief)).toEqual([['长沙银行', 'pinyin', 'substring', '银行']]);
    expect(search('zhongguo').hits.map(brief)).toEqual([['IBM中国', 'pinyin', 'substring', '中国']]);
  });

  it('ranks exact before prefix before substring, and active before archived within each', () => {
    const single = book.ok('accounts.create', { kind: 'person', name: '张' });
    const inner = book.ok('accounts.create', { kind: 'person', name: '三张' });
    expect(search('张').hits.map(brief)).toEqual([
      ['张', 'name', 'exact', '张'],
      ['张三', 'name', 'prefix', '张'],
      ['张伟', 'name', 'prefix', '张'],
      ['三张', 'name', 'substring', '张'],
    ]);
    expect(search('zhang', false).hits.map((hit) => hit.account.id)).toEqual([single.id, zhang.id, inner.id]);
    for (const { id } of [single, inner]) book.ok('accounts.delete', { id });
  });

  it('finds customer numbers, credit codes and ids', () => {
    expect(search('hq2019').hits.map(brief)).toEqual([['IBM中国', 'customerNo', 'prefix', 'HQ2019']]);
    expect(search('HQ-2019-001').hits.map(brief)).toEqual([['IBM中国', 'customerNo', 'exact', 'HQ2019001']]);
    const byCode = search(bankCode.toLowerCase());
    expect(byCode.kind).toBe('code');
    expect(byCode.hits.map(brief)).toEqual([['长沙银行', 'creditCode', 'exact', bankCode]]);
    expect(search(zeng.id.toUpperCase())).toMatchObject({
      kind: 'id',
      hits: [{ account: { id: zeng.id }, field: 'id' }],
    });
    expect(search(ibm.customerNo.toLowerCase()).hits[0]?.account.id).toBe(ibm.id);
    expect(search(bank.id).hits).toHaveLength(1);
  });

  it('returns no hits for an empty query and for nothing matching, and honours the limit', () => {
    expect(search('   ')).toEqual({ query: '   ', kind: 'empty', hits: [], total: 0, totalCapped: false });
    expect(search('王').hits).toEqual([]);
    expect(book.ok('lookup.search', { query: '张', limit: 1 }).hits).toHaveLength(1);
  });

  it('writes nothing', () => {
    const before = book.fingerprint();
    search('zs');
    search('8000');
    expect(book.fingerprint()).toEqual(before);
  });

  // Bug: prefixUpperBound throws for U+10FFFF (see tests/unit/lookupQuery.test.ts).
  it('answers a query ending in the last code point instead of failing with INTERNAL', () => {
    const result = book.raw('lookup.search', { query: '张\u{10FFFF}' });
    expect(result).toEqual({
      ok: true,
      value: { query: '张\u{10FFFF}', kind: 'han', hits: [], total: 0, totalCapped: false },
    });
  });
});
