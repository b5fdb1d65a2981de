import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedCustomerNumberPattern } from '../../../shared/domain/customerNumber';
import { ApiError } from '../../../shared/errors';
import type { DuplicateMatch } from '../../../shared/types';
import { createOrganization, createPerson, creditCode, missingId, openBook, type Book } from './helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const matchesOf = (details: unknown) => (details as { matches: DuplicateMatch[] }).matches;

describe('accounts.create', () => {
  it('creates an organization with normalized code, phones and defaults, and stores it', async () => {
    const created = await book.api.accounts.create({
      kind: 'organization',
      name: ' 汕头市潮南区华丰纺织有限公司 ',
      creditCode: '9144 0300 7152 6726 xg',
      phones: [
        { number: '0754-88123456' },
        { number: '+86 138 0013 8000', note: '总经理' },
        { number: '400-820-8820' },
      ],
      region: '汕头',
    });
    expect(created).toMatchObject({
      kind: 'organization',
      name: '汕头市潮南区华丰纺织有限公司',
      creditCode: '9144030071526726XG',
      tier: 'general',
      status: 'active',
      owner: 'm001',
      createdBy: 'm001',
      region: '汕头',
      postcode: '',
      namePinyin: 'shan tou shi chao nan qu hua feng fang zhi you xian gong si',
    });
    expect(created.customerNo).toMatch(generatedCustomerNumberPattern);
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(book.ok('accounts.get', { id: created.id })).toEqual(created);
    const phones = book.ok('accounts.detail', { id: created.id }).phones;
    expect(phones.map(({ number, label, note }) => [number, label, note])).toEqual([
      ['075488123456', 'office', ''],
      ['13800138000', 'mobile', '总经理'],
      ['4008208820', 'other', ''],
    ]);
  });

  it('creates a person with a given customer number, owner and tier', () => {
    const person = book.ok('accounts.create', {
      kind: 'person',
      name: '曾小明',
      customerNo: 'hq-2019-001',
      owner: 'm002',
      tier: 'strategic',
      postcode: '515000',
    });
    expect(person).toMatchObject({
      customerNo: 'HQ2019001',
      owner: 'm002',
      tier: 'strategic',
      creditCode: null,
    });
    expect(person.namePinyin).toBe('zeng xiao ming');
    expect(book.ok('accounts.get', { id: person.id })).toEqual(person);
  });

  it('generates a different, increasing customer number for each account', () => {
    const numbers = [createPerson(book), createPerson(book), createOrganization(book)].map(
      (a) => a.customerNo,
    );
    expect(new Set(numbers).size).toBe(3);
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('rejects the same phone as DUPLICATE_ACCOUNT with the match, then allows it on request', () => {
    const existing = createPerson(book, { phones: [{ number: '13800138000' }] });
    const input = { kind: 'person' as const, name: '李四', phones: [{ number: '+86 138-0013-8000' }] };
    const error = book.rejects('accounts.create', input, 'DUPLICATE_ACCOUNT');
    expect(matchesOf(error.details)).toEqual([
      {
        account: expect.objectContaining({ id: existing.id, name: existing.name }),
        reasons: ['phone'],
        phone: '13800138000',
      },
    ]);
    const second = book.ok('accounts.create', { ...input, allowDuplicate: true });
    expect(book.ok('accounts.detail', { id: second.id }).phones[0]?.number).toBe('13800138000');
  });

  it('rejects the same credit code as DUPLICATE_ACCOUNT, then allows it on request', () => {
    const code = creditCode('91440300MA5D00001');
    const existing = createOrganization(book, { creditCode: code });
    const input = { kind: 'organization' as const, name: '另一家公司', creditCode: code.toLowerCase() };
    const error = book.rejects('accounts.create', input, 'DUPLICATE_ACCOUNT');
    expect(matchesOf(error.details)).toEqual([
      { account: expect.objectContaining({ id: existing.id }), reasons: ['creditCode'] },
    ]);
    expect(book.ok('accounts.create', { ...input, allowDuplicate: true }).creditCode).toBe(code);
  });

  it('rejects the same name of the same kind however it is typed, but not of the other kind', () => {
    const existing = createOrganization(book, { name: 'IBM中国' });
    const error = book.rejects(
      'accounts.create',
      { kind: 'organization', name: 'ＩＢＭ 中国' },
      'DUPLICATE_ACCOUNT',
    );
    expect(matchesOf(error.details)).toEqual([
      { account: expect.objectContaining({ id: existing.id, name: 'IBM中国' }), reasons: ['name'] },
    ]);
    expect(book.ok('accounts.create', { kind: 'person', name: 'IBM中国' }).kind).toBe('person');
    expect(
      book.ok('accounts.create', { kind: 'organization', name: 'ＩＢＭ 中国', allowDuplicate: true }).name,
    ).toBe('ＩＢＭ 中国');
  });

  it('lists every reason once per matching account', () => {
    const code = creditCode('91440300MA5D00002');
    const existing = createOrganization(book, {
      name: '华丰纺织',
      creditCode: code,
      phones: [{ number: '075488123456' }],
    });
    const input = {
      kind: 'organization' as const,
      name: '华丰纺织',
      creditCode: code,
      phones: [{ number: '0754-88123456' }],
    };
    const matches = matchesOf(book.rejects('accounts.create', input, 'DUPLICATE_ACCOUNT').details);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.account.id).toBe(existing.id);
    expect([...(matches[0]?.reasons ?? [])].sort()).toEqual(['creditCode', 'name', 'phone']);
  });

  it('ignores deleted accounts when looking for duplicates', () => {
    const old = createPerson(book, { name: '王芳', phones: [{ number: '13900001111' }] });
    book.ok('accounts.delete', { id: old.id });
    expect(
      book.ok('accounts.create', { kind: 'person', name: '王芳', phones: [{ number: '13900001111' }] }).name,
    ).toBe('王芳');
  });

  it('rejects a customer number in use as DUPLICATE_CUSTOMER_NO, even when allowDuplicate is set', () => {
    const existing = createPerson(book, { customerNo: 'HQ-0001' });
    for (const customerNo of ['hq0001', 'HQ 0001']) {
      const error = book.rejects(
        'accounts.create',
        { kind: 'person', name: '新客户', customerNo, allowDuplicate: true },
        'DUPLICATE_CUSTOMER_NO',
      );
      expect(error.details).toEqual({
        account: expect.objectContaining({ id: existing.id, customerNo: 'HQ0001' }),
      });
    }
  });

  it('reports the rule of a malformed field by its message key', () => {
    const error = book.invalid('accounts.create', { kind: 'person', name: '某某', postcode: '5150' }, [
      'postcode',
    ]);
    expect(error.issues).toEqual([
      { path: ['postcode'], code: 'invalid_postcode', message: 'A postcode has 6 digits' },
    ]);
  });
});

describe('accounts.get and accounts.findByNumber', () => {
  it('gets an account by id; NOT_FOUND for an unknown id; ACCOUNT_DELETED for a deleted one', () => {
    const person = createPerson(book);
    expect(book.ok('accounts.get', { id: person.id })).toEqual(person);
    expect(book.rejects('accounts.get', { id: missingId }, 'NOT_FOUND').details).toEqual({
      entity: 'account',
      id: missingId,
    });
    book.ok('accounts.delete', { id: person.id });
    expect(book.rejects('accounts.get', { id: person.id }, 'ACCOUNT_DELETED').details).toEqual({
      id: person.id,
      name: person.name,
    });
  });

  it('finds by number however it is typed, and null for unknown or deleted', () => {
    const person = createPerson(book);
    const typed = `${person.customerNo.slice(0, 5)}-${person.customerNo.slice(5)}`.toLowerCase();
    expect(book.ok('accounts.findByNumber', { customerNo: typed })).toEqual(person);
    expect(book.ok('accounts.findByNumber', { customerNo: 'K0000000000' })).toBeNull();
    book.ok('accounts.delete', { id: person.id });
    expect(book.ok('accounts.findByNumber', { customerNo: person.customerNo })).toBeNull();
  });

  it('throws typed ApiErrors through the client', async () => {
    await expect(book.api.accounts.get({ id: missingId })).rejects.toBeInstanceOf(ApiError);
    await expect(book.api.accounts.get({ id: missingId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('accounts.checkDuplicates', () => {
  it('lists the accounts an entry may duplicate, with reasons, and writes nothing', () => {
    const code = creditCode('91440300MA5D00003');
    const org = createOrganization(book, { name: '潮汕电信', creditCode: code, customerNo: 'C-77' });
    const person = createPerson(book, { name: '陈大文', phones: [{ number: '13900002222' }] });
    const before = book.fingerprint();
    const found = book.ok('accounts.checkDuplicates', {
      kind: 'organization',
      name: '潮汕 电信',
      creditCode: code,
      customerNo: 'c77',
      phones: ['139-0000-2222'],
    });
    expect(book.fingerprint()).toEqual(before);
    const byId = new Map(found.map((match) => [match.account.id, match]));
    expect([...(byId.get(org.id)?.reasons ?? [])].sort()).toEqual(['creditCode', 'customerNo', 'name']);
    expect(byId.get(person.id)).toEqual({
      account: expect.objectContaining({ id: person.id }),
      reasons: ['phone'],
      phone: '13900002222',
    });
    expect(
      book.ok('accounts.checkDuplicates', { kind: 'organization', name: '潮汕电信', excludeId: org.id }),
    ).toEqual([]);
    expect(book.ok('accounts.checkDuplicates', { kind: 'person', name: '潮汕电信' })).toEqual([]);
  });
});

describe('where a tier comes from', () => {
  it('is the manager’s when given at creation, else general until a suggestion is applied', async () => {
    const chosen = await book.api.accounts.create({
      kind: 'person',
      name: '王芳',
      tier: 'partner',
      tierReason: '省重点项目联系人',
    });
    expect(chosen).toMatchObject({ tier: 'partner', tierSource: 'manager', tierReason: '省重点项目联系人' });
    const unset = await book.api.accounts.create({ kind: 'person', name: '李雷' });
    expect(unset).toMatchObject({ tier: 'general', tierSource: 'suggested', tierReason: '' });
  });

  it('becomes the manager’s when a person sets it, even to the same value, and records the change', async () => {
    const account = await book.api.accounts.create({ kind: 'person', name: '李雷' });
    const kept = await book.api.accounts.update({ id: account.id, tier: 'general' });
    expect(kept).toMatchObject({ tier: 'general', tierSource: 'manager' });
    const raised = await book.api.accounts.update({ id: account.id, tier: 'strategic', tierReason: '签约' });
    expect(raised).toMatchObject({ tier: 'strategic', tierSource: 'manager', tierReason: '签约' });
    const history = await book.api.audit.list({ entityId: account.id });
    expect(history.map((entry) => entry.after)).toContainEqual({
      tier: 'strategic',
      tier_reason: '签约',
    });
  });
});
