import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { creditCodeCheckCharacter } from '../../shared/domain/creditCode';
import type { Account, LookupHit } from '../../shared/types';
import { openFieldbook, type Fieldbook } from '../../db/service';

let directory: string;
let fieldbook: Fieldbook;
let api: ApiClient;
const accounts = new Map<string, Account>();
const creditBody = '91440500MA4UXK3R2';
const creditCode = creditBody + creditCodeCheckCharacter(creditBody);

async function person(name: string, phones: string[] = []) {
  const account = await api.accounts.create({
    kind: 'person',
    name,
    phones: phones.map((number) => ({ number })),
  });
  accounts.set(name, account);
  return account;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-lookup-'));
  fieldbook = await openFieldbook(join(directory, 'lookup.db'));
  api = fieldbook.client({ actor: 'm001' });
  await person('张三', ['138-0013-8000']);
  await person('张三丰', ['+86 139 1234 8000']);
  await person('王芳', ['(0754) 8812-3456']);
  await person('王芳华');
  await person('李芳');
  for (const name of ['曾国藩', '单雄信', '解缙', '仇英', '区志强', '朴树', '查良镛', '欧阳娜娜'])
    await person(name);
  const company = await api.accounts.create({
    kind: 'organization',
    name: '汕头市华新电子科技有限公司',
    creditCode,
    phones: [{ number: '0754-8888 6666' }],
  });
  accounts.set('华新', company);
  const archived = await person('张珊', ['13700008000']);
  await api.accounts.archive({ id: archived.id });
  const deleted = await person('张三三', ['13600008000']);
  await api.accounts.delete({ id: deleted.id });
});

afterAll(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

const search = async (query: string, extra: { includeArchived?: boolean; limit?: number } = {}) =>
  (await api.lookup.search({ query, ...extra })).hits;
const names = (hits: readonly LookupHit[]) => hits.map((hit) => hit.account.name);
const marked = (hit: LookupHit | undefined) => (hit ? hit.text.slice(hit.start, hit.end) : '');

describe('lookup by phone', () => {
  it('finds the last four or more digits, exact numbers first, archived after active', async () => {
    const hits = await search('8000');
    expect(names(hits)).toEqual(['张三', '张三丰', '张珊']);
    expect(hits.every((hit) => hit.field === 'phone' && hit.match === 'suffix')).toBe(true);
    expect(marked(hits[0])).toBe('8000');
    expect(hits[2]?.account.status).toBe('archived');
  });

  it('reads a full number in any format, with or without +86', async () => {
    for (const query of ['13800138000', '138 0013 8000', '+86 138-0013-8000', '0086 13800138000']) {
      const hits = await search(query);
      expect(names(hits)[0]).toBe('张三');
      expect(hits[0]?.match).toBe('exact');
    }
    expect(names(await search('0754-88123456'))).toEqual(['王芳']);
    expect(names(await search('+86 754 8812 3456'))).toEqual(['王芳']);
  });

  it('does not match phones on fewer than four digits, nor deleted accounts', async () => {
    expect((await search('000')).filter((hit) => hit.field === 'phone')).toEqual([]);
    expect(names(await search('13600008000'))).toEqual([]);
  });

  it('leaves archived accounts out when asked', async () => {
    expect(names(await search('8000', { includeArchived: false }))).toEqual(['张三', '张三丰']);
  });
});

describe('lookup by name', () => {
  it('finds two-character names and any substring of Chinese names', async () => {
    const hits = await search('王芳');
    expect(names(hits)).toEqual(['王芳', '王芳华']);
    expect(hits.map((hit) => hit.match)).toEqual(['exact', 'prefix']);
    const inner = await search('芳');
    expect(names(inner)).toEqual(expect.arrayContaining(['王芳', '王芳华', '李芳']));
    const company = await search('华新电子');
    expect(names(company)).toEqual(['汕头市华新电子科技有限公司']);
    expect(company[0]?.match).toBe('substring');
    expect(marked(company[0])).toBe('华新电子');
  });

  it('finds full pinyin with or without spaces, and highlights the characters', async () => {
    for (const query of ['zhangsan', 'zhang san', 'ZhangSan']) {
      const hits = await search(query);
      expect(hits[0]?.account.name).toBe('张三');
      expect(hits[0]?.match).toBe('exact');
      expect(hits[0]?.field).toBe('pinyin');
    }
    const prefix = await search('zhangsanf');
    expect(names(prefix)).toEqual(['张三丰']);
    expect(marked(prefix[0])).toBe('张三丰');
  });

  it('finds initials', async () => {
    const hits = await search('zs');
    expect(names(hits).slice(0, 2)).toEqual(['张三', '张珊']);
    expect(hits[0]?.field).toBe('initials');
    expect(hits[1]?.account.status).toBe('archived');
    expect(names(await search('zsf'))).toEqual(['张三丰']);
    const company = await search('hxdz');
    expect(names(company)).toEqual(['汕头市华新电子科技有限公司']);
    expect(marked(company[0])).toBe('华新电子');
  });

  it('reads polyphonic surnames as surnames', async () => {
    const cases: [string, string][] = [
      ['zengguofan', '曾国藩'],
      ['shanxiongxin', '单雄信'],
      ['xiejin', '解缙'],
      ['qiuying', '仇英'],
      ['ouzhiqiang', '区志强'],
      ['piaoshu', '朴树'],
      ['zhaliangyong', '查良镛'],
      ['ouyangnana', '欧阳娜娜'],
    ];
    for (const [query, name] of cases) expect(names(await search(query))[0], query).toBe(name);
  });

  it('follows a rename', async () => {
    const account = await person('赵敏');
    expect(names(await search('zhaomin'))).toEqual(['赵敏']);
    await api.accounts.update({ id: account.id, name: '周芷若' });
    expect(names(await search('zhaomin'))).toEqual([]);
    expect(names(await search('zzr'))).toEqual(['周芷若']);
  });
});

describe('lookup by number and code', () => {
  it('finds a customer number by prefix, typed in lower case or with dashes', async () => {
    const company = accounts.get('华新');
    if (!company) throw new Error('setup failed');
    const number = company.customerNo;
    const exact = await search(number.toLowerCase());
    expect(exact[0]?.account.id).toBe(company.id);
    expect(exact[0]?.match).toBe('exact');
    const prefix = await search(`${number.slice(0, 4)}-${number.slice(4, 9)}`);
    expect(prefix.map((hit) => hit.account.id)).toContain(company.id);
    expect(prefix.every((hit) => hit.field === 'customerNo')).toBe(true);
  });

  it('finds an organization by its unified social credit code and an account by its id', async () => {
    const company = accounts.get('华新');
    const hits = await search(creditCode.toLowerCase());
    expect(hits[0]?.account.id).toBe(company?.id);
    expect(hits[0]?.field).toBe('creditCode');
    const byId = await search(company?.id ?? '');
    expect(byId[0]?.field).toBe('id');
  });

  it('returns nothing for an empty query and respects the limit', async () => {
    expect(await search('   ')).toEqual([]);
    expect(await search('zh', { limit: 2 })).toHaveLength(2);
  });
});

describe('highlighting', () => {
  it('marks the matched characters of the name as written, full-width and spaced names included', async () => {
    await person('ＡＢＣ 王　小明');
    const byText = await search('王小明');
    expect(marked(byText[0])).toBe('王　小明');
    const byLatin = await search('abc');
    expect(marked(byLatin.find((hit) => hit.account.name === 'ＡＢＣ 王　小明'))).toBe('ＡＢＣ');
    const byPinyin = await search('xiaoming');
    expect(marked(byPinyin[0])).toBe('小明');
  });
});

describe('ranking pinyin', () => {
  it('puts names whose syllables the query completes before names it cuts through', async () => {
    await person('李宁龙');
    await person('林超');
    const hits = await search('lin');
    expect(names(hits).indexOf('林超')).toBeLessThan(names(hits).indexOf('李宁龙'));
  });
});
