import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPerson, openBook, type Book } from './helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

describe('audit.list', () => {
  it('shows before and after of the changed fields only, for an update', () => {
    const person = createPerson(book, { name: '张三', region: '汕头', notes: '老客户' });
    book.ok('accounts.update', { id: person.id, name: '张三丰', tier: 'partner', region: '汕头' });
    const [latest] = book.ok('audit.list', { entity: 'account', entityId: person.id, limit: 1 });
    expect(latest).toMatchObject({
      actor: 'm001',
      action: 'update',
      entity: 'account',
      entityId: person.id,
      before: { name: '张三', tier: 'general' },
      after: { name: '张三丰', tier: 'partner' },
    });
    expect(Date.parse(latest?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records creation with the whole row, and each lifecycle action', () => {
    const person = createPerson(book, { name: '李四' });
    for (const action of ['archive', 'restore', 'delete', 'undelete'] as const) {
      book.ok(`accounts.${action}`, { id: person.id });
    }
    const entries = book.ok('audit.list', { entity: 'account', entityId: person.id });
    expect(entries.map((entry) => entry.action)).toEqual([
      'undelete',
      'delete',
      'restore',
      'archive',
      'create',
    ]);
    expect(entries.at(-1)).toMatchObject({
      before: null,
      after: expect.objectContaining({ id: person.id, name: '李四', kind: 'person', status: 'active' }),
    });
    expect(entries[3]).toMatchObject({ before: { status: 'active' }, after: { status: 'archived' } });
    expect(entries[1]).toMatchObject({ before: { deleted: 0 }, after: { deleted: 1 } });
  });

  it('lists newest first, filters by entity and id, and honours the limit', () => {
    const first = createPerson(book, { phones: [{ number: '13800138000' }] });
    const second = createPerson(book);
    book.ok('visits.create', { accountId: second.id, kind: 'phone', content: '回访' });
    const all = book.ok('audit.list', {});
    expect(all.map((entry) => [entry.action, entry.entity])).toEqual([
      ['create', 'visit'],
      ['create', 'account'],
      ['create', 'phone'],
      ['create', 'account'],
    ]);
    expect(all.map((entry) => entry.id)).toEqual([...all.map((entry) => entry.id)].sort((a, b) => b - a));
    expect(book.ok('audit.list', { entity: 'phone' }).map((entry) => entry.after)).toEqual([
      expect.objectContaining({ account_id: first.id, number: '13800138000' }),
    ]);
    expect(book.ok('audit.list', { entityId: second.id }).map((entry) => entry.entity)).toEqual(['account']);
    expect(book.ok('audit.list', { limit: 2 })).toEqual(all.slice(0, 2));
    expect(book.ok('audit.list', { entity: 'nothing' })).toEqual([]);
  });

  it('records nothing for a rejected or empty change, and nothing for reads', () => {
    const person = createPerson(book);
    const count = () => book.ok('audit.list', {}).length;
    const before = count();
    book.rejects('accounts.update', { id: person.id, postcode: 'x' }, 'VALIDATION_FAILED');
    book.ok('accounts.update', { id: person.id, name: person.name });
    book.ok('accounts.detail', { id: person.id });
    book.ok('lookup.search', { query: person.name });
    expect(count()).toBe(before);
  });
});
