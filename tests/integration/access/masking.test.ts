import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AccountDetail, LookupResult, RequestContext, SessionUser } from '../../../shared/types';
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
  expect(JSON.parse(String(entry?.['after']))).toEqual({ purpose: '客户投诉核对', fields: ['phones'] });
  // Outside the user's scope there is nothing to reveal.
  const other = as({ code: 'm002', name: '别人', role: 'manager', owners: ['m002'] });
  expect(
    book.fieldbook.dispatch('accounts.reveal', { id: teamAccount, purpose: '看看' }, other),
  ).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});
