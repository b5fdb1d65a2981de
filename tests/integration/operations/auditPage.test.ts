import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api';
import { createPerson, openBook, type Book } from './helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const page = (input: InputOf<'audit.page'>) => book.ok('audit.page', input);
const actions = (input: InputOf<'audit.page'>) => page(input).entries.map((entry) => entry.action);

/** Two accounts, each with a phone and a visit, one renamed, one deleted. */
function history() {
  const first = createPerson(book, { name: '张三', phones: [{ number: '13800138000' }] });
  const second = createPerson(book, { name: '李四' });
  const visit = book.ok('visits.create', { accountId: first.id, kind: 'phone', content: '回访' });
  book.ok('accounts.update', { id: first.id, name: '张三丰' });
  book.ok('accounts.delete', { id: second.id });
  return { first, second, visit };
}

describe('audit.page', () => {
  it('finds an account’s entries: its own and those of its phones and visits, with its name', () => {
    const { first, second, visit } = history();
    const entries = page({ accountId: first.id }).entries;
    expect(entries.map((entry) => [entry.action, entry.entity])).toEqual([
      ['update', 'account'],
      ['create', 'visit'],
      ['create', 'phone'],
      ['create', 'account'],
    ]);
    expect(entries.every((entry) => entry.accountId === first.id && entry.accountName === '张三丰')).toBe(
      true,
    );
    expect(entries[1]?.entityId).toBe(visit.id);
    expect(actions({ accountId: second.id })).toEqual(['delete', 'create']);
    // A filter together with the account narrows it further.
    expect(actions({ accountId: first.id, action: 'update' })).toEqual(['update']);
  });

  it('narrows by action, entity, user and time, each on its own', () => {
    history();
    expect(actions({ action: 'delete' })).toEqual(['delete']);
    expect(page({ entity: 'phone' }).entries.map((entry) => entry.entity)).toEqual(['phone']);
    expect(page({ actor: 'm001' }).entries).toHaveLength(page({}).entries.length);
    expect(page({ actor: 'm002' }).entries).toEqual([]);
    const all = page({}).entries;
    const newest = all[0]?.at ?? '';
    expect(page({ from: newest }).entries.every((entry) => entry.at >= newest)).toBe(true);
    expect(page({ to: newest }).entries.every((entry) => entry.at < newest)).toBe(true);
    expect(page({ from: '2000-01-01', to: '2000-12-31' }).entries).toEqual([]);
    const today = newest.slice(0, 10);
    expect(page({ from: today, to: today }).entries).toHaveLength(all.length);
  });

  it('pages newest first by a cursor, saying whether more exist', () => {
    history();
    const all = page({}).entries;
    const ids: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const result = page({ limit: 2, ...(beforeId === undefined ? {} : { beforeId }) });
      ids.push(...result.entries.map((entry) => entry.id));
      if (!result.more) break;
      beforeId = result.entries.at(-1)?.id;
    }
    expect(ids).toEqual(all.map((entry) => entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page({ limit: all.length }).more).toBe(false);
  });

  it('lists the actions, users and entities present', () => {
    history();
    expect(book.ok('audit.facets', {})).toMatchObject({
      actions: ['create', 'delete', 'update'],
      actors: ['m001'],
      entities: ['account', 'phone', 'visit'],
    });
  });
});

describe('audit.export', () => {
  it('returns the filtered entries as Excel-safe CSV and records the export with its filter and rows', () => {
    const { first } = history();
    book.ok('accounts.update', { id: first.id, notes: '=HYPERLINK("x")' });
    const result = book.ok('audit.export', { accountId: first.id, language: 'en' });
    const text = Buffer.from(result.contentBase64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Entry,Time (UTC),User,Action,Entity,Entity ID,Account ID,Account name,Before,After,Erased',
    );
    expect(lines).toHaveLength(5 + 2);
    expect(lines[1]).toContain(`"{""notes"":""=HYPERLINK(\\""x\\"")""}"`);
    expect(result).toMatchObject({ mediaType: 'text/csv', rows: { audit: 5 } });
    expect(result.fileName).toMatch(/^fieldbook-audit-\d{8}\.csv$/);
    const [entry] = book.ok('audit.list', { entity: 'audit' });
    expect(entry).toMatchObject({
      actor: 'm001',
      action: 'export',
      after: { filters: { accountId: first.id }, rows: 5 },
    });
    const chinese = book.ok('audit.export', { action: 'export' });
    expect(Buffer.from(chinese.contentBase64, 'base64').toString('utf8')).toContain('序号,时间(UTC),操作人');
  });
});

describe('every export is an audit entry', () => {
  it('a CSV export, a sync export and a backup each record one', async () => {
    createPerson(book, { name: '王五' });
    book.ok('exports.csv', { tables: ['accounts'] });
    const sync = await book.call('sync.export', { full: true, passphrase: 'a long enough passphrase' });
    expect(sync.ok).toBe(true);
    const backup = await book.call('backups.create', {});
    expect(backup.ok).toBe(true);
    const entries = page({ action: 'export' }).entries.map((entry) => entry.entity);
    expect(entries).toContain('csv');
    expect(entries).toContain('sync');
    expect(page({ entity: 'book' }).entries.map((entry) => entry.action)).toContain('backup.create');
  });
});
