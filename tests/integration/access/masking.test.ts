import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  AccountDetail,
  AnniversaryWindow,
  LookupResult,
  RequestContext,
  RevealedAccount,
  SessionUser,
} from '../../../shared/types';
import { openBook, type Book } from '../operations/helpers';

/**
 * Sensitive values where the role has no need: an auditor sees every number masked, a supervisor
 * their team's (their own in full), and a reveal for a stated purpose shows them and is recorded.
 */
let book: Book;
let teamAccount: string;
let ownAccount: string;
const as = (user: SessionUser): RequestContext => ({ actor: user.code, user });
const auditor = as({ code: 'a001', name: '审计', role: 'auditor', owners: null });
const supervisor = as({ code: 's001', name: '主管', role: 'supervisor', owners: ['s001', 'm001'] });
const manager = as({ code: 'm001', name: '经理', role: 'manager', owners: ['m001'] });

beforeAll(async () => {
  book = await openBook();
  const create = (owner: string, name: string, number: string) => {
    const result = book.fieldbook.dispatch(
      'accounts.create',
      { kind: 'person', name, owner, phones: [{ number }] },
      { actor: owner },
    );
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { id: string }).id;
  };
  teamAccount = create('m001', '张三', '13800138000');
  ownAccount = create('s001', '李四', '13911112222');
  for (const accountId of [teamAccount, ownAccount]) {
    const birthday = book.fieldbook.dispatch(
      'anniversaries.create',
      { accountId, kind: 'birthday', calendar: 'gregorian', month: 12, day: 8, year: 1980 },
      { actor: 'm001' },
    );
    if (!birthday.ok) throw new Error(birthday.error.message);
  }
});

it('hides birth years (the age) but not the day, in the account and in the lists', () => {
  const years = (context: RequestContext, id: string) =>
    detail(context, id).anniversaries.map((anniversary) => [anniversary.year, anniversary.next.years]);
  expect(years(auditor, teamAccount)).toEqual([[null, null]]);
  expect(detail(auditor, teamAccount).anniversaries[0]).toMatchObject({
    month: 12,
    day: 8,
    yearMasked: true,
  });
  expect(years(supervisor, teamAccount)).toEqual([[null, null]]);
  expect(years(supervisor, ownAccount)[0]?.[0]).toBe(1980);
  expect(years(manager, teamAccount)[0]?.[0]).toBe(1980);
  const listed = book.fieldbook.dispatch('anniversaries.onDate', { date: '2026-12-08' }, supervisor);
  const rows = listed.ok ? (listed.value as AnniversaryWindow).rows : [];
  expect(rows.map((row) => [row.account.name, row.anniversary.year, row.years])).toEqual(
    expect.arrayContaining([
      ['张三', null, null],
      ['李四', 1980, 46],
    ]),
  );
  // Revealed for a purpose, with the numbers.
  const shown = book.fieldbook.dispatch(
    'accounts.reveal',
    { id: teamAccount, purpose: '生日祝福核对' },
    supervisor,
  );
  expect(shown.ok && (shown.value as RevealedAccount).anniversaries[0]?.year).toBe(1980);
  // An edit that does not send the year keeps it.
  const id = detail(supervisor, teamAccount).anniversaries[0]?.id;
  const edited = book.fieldbook.dispatch('anniversaries.update', { id, note: '喜欢茶' }, supervisor);
  expect(edited.ok).toBe(true);
  expect(years(manager, teamAccount)[0]?.[0]).toBe(1980);
});
afterAll(() => book.close());

function detail(context: RequestContext, id: string): AccountDetail {
  const result = book.fieldbook.dispatch('accounts.detail', { id }, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as AccountDetail;
}

it('masks numbers for an auditor and for a supervisor outside their own accounts', () => {
  expect(detail(auditor, teamAccount)).toMatchObject({
    phonesMasked: true,
    phones: [{ number: '138****8000' }],
  });
  expect(detail(supervisor, teamAccount)).toMatchObject({
    phonesMasked: true,
    phones: [{ number: '138****8000' }],
  });
  expect(detail(supervisor, ownAccount)).toMatchObject({
    phonesMasked: false,
    phones: [{ number: '13911112222' }],
  });
  expect(detail(manager, teamAccount)).toMatchObject({
    phonesMasked: false,
    phones: [{ number: '13800138000' }],
  });
  const found = book.fieldbook.dispatch('lookup.search', { query: '8000' }, auditor);
  expect(found.ok && (found.value as LookupResult).hits.map((hit) => hit.text)).toEqual(['138****8000']);
  expect(JSON.stringify(found)).not.toContain('13800138000');
});

it('reveals them for a purpose, recorded with who, which account and why', () => {
  const refused = book.fieldbook.dispatch('accounts.reveal', { id: teamAccount, purpose: ' ' }, auditor);
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const shown = book.fieldbook.dispatch(
    'accounts.reveal',
    { id: teamAccount, purpose: '客户投诉核对' },
    auditor,
  );
  expect(shown).toMatchObject({ ok: true, value: { phones: [{ number: '13800138000' }] } });
  const [entry] = book.rows(
    "SELECT actor, entity_id, after FROM audit_log WHERE action = 'accounts.reveal' ORDER BY id DESC LIMIT 1",
  );
  expect(entry).toMatchObject({ actor: 'a001', entity_id: teamAccount });
  expect(JSON.parse(String(entry?.['after']))).toEqual({
    purpose: '客户投诉核对',
    fields: ['phones', 'birthYears'],
  });
  // Outside the user's scope there is nothing to reveal.
  const other = as({ code: 'm002', name: '别人', role: 'manager', owners: ['m002'] });
  expect(
    book.fieldbook.dispatch('accounts.reveal', { id: teamAccount, purpose: '看看' }, other),
  ).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});
