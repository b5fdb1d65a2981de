import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessGate, type AccessGate } from '../../../db/access/gate';
import { readKeyring } from '../../../db/access/keyring';
import type { SessionState } from '../../../shared/types';
import { ok, refused } from './settled';

/**
 * The sign-in door against real files: set-up, sign-in and lock, wrong passwords and their
 * growing wait, roles refused in the dispatcher, password changes that keep the book's key.
 */
let directory: string;
let gate: AccessGate;
let clock: number;
const admin = { code: 'admin', name: '管理员', password: 'correct horse' };
const asAdmin = { code: admin.code, password: admin.password };

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-gate-'));
  clock = Date.parse('2026-12-06T08:00:00Z');
  gate = createAccessGate(join(directory, 'book.db'), { now: () => new Date(clock), idleCheckMs: 0 });
});
afterEach(() => {
  gate.close();
  rmSync(directory, { recursive: true, force: true });
});

const auditActions = () =>
  (gate.current()?.fieldbook.db.sqlite.prepare('SELECT action, entity_id FROM audit_log ORDER BY id').all() ??
    []) as { action: string; entity_id: string | null }[];

async function withUsers(): Promise<void> {
  await ok(gate.call('session.setUp', admin));
  for (const [code, role, supervisor] of [
    ['s001', 'supervisor', null],
    ['m001', 'manager', 's001'],
    ['a001', 'auditor', null],
  ] as const)
    await ok(gate.call('users.add', { code, name: code, role, supervisor, password: `pw of ${code}` }));
}

describe('the sign-in door', () => {
  it('asks for set-up on a new book, then opens it to its administrator', async () => {
    expect(gate.status()).toEqual({ state: 'setup', bookExists: false });
    expect(await refused(gate.call('accounts.list', {}))).toBe('SIGNED_OUT');
    const state = await ok<SessionState>(gate.call('session.setUp', admin));
    expect(state).toMatchObject({ state: 'open', user: { code: 'admin', role: 'admin', owners: null } });
    expect(readKeyring(join(directory, 'book.db'))?.users.map((user) => user.code)).toEqual(['admin']);
    expect(auditActions().map((entry) => entry.action)).toEqual(['users.add', 'session.setUp']);
    expect(await refused(gate.call('session.setUp', admin))).toBe('FORBIDDEN');
  });

  it('locks: the book is closed and every operation refused until a sign-in', async () => {
    await ok(gate.call('session.setUp', admin));
    const seen: string[] = [];
    gate.onSessionChanged((state) => seen.push(state.state));
    await ok(gate.call('session.lock', {}));
    expect(gate.current()).toBeNull();
    expect(gate.status()).toEqual({ state: 'locked', lastUser: 'admin', unlockHere: [] });
    expect(await refused(gate.call('accounts.list', {}))).toBe('SIGNED_OUT');
    await ok(gate.call('session.signIn', { code: 'ADMIN', password: admin.password }));
    expect(seen).toEqual(['locked', 'open']);
    expect(await ok<{ total: number }>(gate.call('accounts.list', {}))).toMatchObject({ total: 0 });
  });

  it('refuses wrong passwords and unknown users alike, waits longer after each, audits them at the next sign-in', async () => {
    await ok(gate.call('session.setUp', admin));
    await ok(gate.call('session.lock', {}));
    expect(await refused(gate.call('session.signIn', { code: 'admin', password: 'wrong one' }))).toBe(
      'WRONG_PASSWORD',
    );
    expect(await refused(gate.call('session.signIn', { code: 'nobody', password: 'wrong one' }))).toBe(
      'WRONG_PASSWORD',
    );
    // At once after a wrong password: wait, even with the right one.
    expect(await refused(gate.call('session.signIn', asAdmin))).toBe('SIGN_IN_DELAYED');
    clock += 1_000;
    expect(await refused(gate.call('session.signIn', { code: 'admin', password: 'wrong two' }))).toBe(
      'WRONG_PASSWORD',
    );
    clock += 1_000;
    expect(await refused(gate.call('session.signIn', asAdmin))).toBe('SIGN_IN_DELAYED');
    clock += 1_000;
    const state = await ok<SessionState>(gate.call('session.signIn', asAdmin));
    expect(state).toMatchObject({ state: 'open', failedSignIns: 2 });
    const failures = auditActions().filter((entry) => entry.action === 'session.signInFailed');
    expect(failures.map((entry) => entry.entity_id)).toEqual(['admin', 'nobody', 'admin']);
    expect(readKeyring(join(directory, 'book.db'))?.failures).toEqual([]);
  });

  it('holds each role to what it may run, in the dispatcher', async () => {
    await withUsers();
    await ok(gate.call('session.signIn', { code: 'm001', password: 'pw of m001' }));
    expect(gate.status()).toMatchObject({ user: { role: 'manager', owners: ['m001'] } });
    await ok(gate.call('accounts.create', { kind: 'organization', name: '汕头新公司' }));
    for (const name of ['audit.page', 'purge.candidates', 'accounts.handoverManagers'])
      expect(await refused(gate.call(name, {})), name).toBe('FORBIDDEN');
    expect(
      await refused(
        gate.call('users.add', { code: 'x1', name: 'x', role: 'admin', password: 'long enough' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await refused(gate.call('users.update', { code: 'm001', role: 'admin' }))).toBe('FORBIDDEN');

    await ok(gate.call('session.signIn', { code: 's001', password: 'pw of s001' }));
    expect(gate.status()).toMatchObject({ user: { role: 'supervisor', owners: ['s001', 'm001'] } });
    await ok(gate.call('accounts.handoverManagers', {}));

    await ok(gate.call('session.signIn', { code: 'a001', password: 'pw of a001' }));
    await ok(gate.call('audit.page', {}));
    await ok(gate.call('accounts.list', {}));
    expect(await refused(gate.call('accounts.create', { kind: 'organization', name: '某公司' }))).toBe(
      'FORBIDDEN',
    );
    expect(await refused(gate.call('settings.update', { language: 'en' }))).toBe('FORBIDDEN');
  });

  it('locks out a user disabled while signed in, and refuses them at sign-in', async () => {
    await withUsers();
    await ok(gate.call('users.update', { code: 'm001', status: 'disabled' }));
    await ok(gate.call('session.lock', {}));
    expect(await refused(gate.call('session.signIn', { code: 'm001', password: 'pw of m001' }))).toBe(
      'USER_DISABLED',
    );
    await ok(gate.call('session.signIn', asAdmin));
    expect(await refused(gate.call('users.update', { code: 'admin', role: 'manager' }))).toBe('FORBIDDEN');
    await ok(gate.call('users.update', { code: 'm001', status: 'active' }));
    await ok(gate.call('users.add', { code: 'admin2', name: '二', role: 'admin', password: 'second admin' }));
    await ok(gate.call('session.signIn', { code: 'admin2', password: 'second admin' }));
    await ok(gate.call('users.update', { code: 'admin2', status: 'disabled' }));
    expect(gate.status().state).toBe('locked');
  });

  it('lets a supervisor hand over within the team only, ending the leaver’s sign-in in the same step', async () => {
    await withUsers();
    await ok(gate.call('users.add', { code: 'm002', name: 'm002', role: 'manager', password: 'pw of m002' }));
    await ok(gate.call('session.signIn', { code: 'm001', password: 'pw of m001' }));
    await ok(gate.call('accounts.create', { kind: 'organization', name: '汕头新公司' }));
    await ok(gate.call('session.signIn', { code: 'm002', password: 'pw of m002' }));
    await ok(gate.call('accounts.create', { kind: 'organization', name: '潮州老客户' }));

    await ok(gate.call('session.signIn', { code: 's001', password: 'pw of s001' }));
    const managers = await ok<{ code: string }[]>(gate.call('accounts.handoverManagers', {}));
    expect(managers.map((manager) => manager.code)).toEqual(['m001']);
    expect(await refused(gate.call('accounts.handover', { from: 'm002', to: 's001' }))).toBe('FORBIDDEN');
    const report = await ok<{ accounts: number }>(
      gate.call('accounts.handover', { from: 'm001', to: 's001', disableLeaver: true }),
    );
    expect(report.accounts).toBe(1);
    await ok(gate.call('session.lock', {}));
    expect(await refused(gate.call('session.signIn', { code: 'm001', password: 'pw of m001' }))).toBe(
      'USER_DISABLED',
    );
  });

  it('changes a password by re-wrapping the same key: the old one no longer opens the book', async () => {
    await ok(gate.call('session.setUp', admin));
    await ok(gate.call('accounts.create', { kind: 'organization', name: '汕头新公司' }));
    expect(
      await refused(gate.call('session.changePassword', { current: 'not mine', next: 'battery staple' })),
    ).toBe('WRONG_PASSWORD');
    await ok(gate.call('session.changePassword', { current: admin.password, next: 'battery staple' }));
    await ok(gate.call('session.lock', {}));
    expect(await refused(gate.call('session.signIn', asAdmin))).toBe('WRONG_PASSWORD');
    clock += 2_000;
    await ok(gate.call('session.signIn', { code: 'admin', password: 'battery staple' }));
    expect(await ok<{ total: number }>(gate.call('accounts.list', {}))).toMatchObject({ total: 1 });
    expect(auditActions().map((entry) => entry.action)).toContain('session.changePassword');
  });

  it('lets the app count what is due with the book still open, just before a lock closes it', async () => {
    gate.close();
    const seen: string[] = [];
    gate = createAccessGate(join(directory, 'book.db'), {
      now: () => new Date(clock),
      idleCheckMs: 0,
      beforeLock: (book, user) => seen.push(`${user.code}:${String(book.db.sqlite.open)}`),
    });
    await ok(gate.call('session.setUp', admin));
    await ok(gate.call('session.lock', {}));
    expect(seen).toEqual(['admin:true']);
  });

  it('keeps a copy of the key ring with the backups, so a backup opens when the folder is lost', async () => {
    await ok(gate.call('session.setUp', admin));
    await ok(gate.call('users.add', { code: 'm001', name: 'm001', role: 'manager', password: 'pw of m001' }));
    await ok(gate.call('backups.create', { kind: 'manual' }));
    const book = join(directory, 'book.db');
    expect(readFileSync(join(directory, 'backups', 'book.db.keys'), 'utf8')).toBe(
      readFileSync(`${book}.keys`, 'utf8'),
    );
  });

  it('locks after the idle minutes of Settings, and not before', async () => {
    await ok(gate.call('session.setUp', admin));
    await ok(gate.call('settings.update', { autoLockMinutes: 2 }));
    clock += 119_000;
    gate.lockIfIdle();
    expect(gate.status().state).toBe('open');
    await ok(gate.call('session.status', {}));
    clock += 119_000;
    gate.lockIfIdle();
    expect(gate.status().state).toBe('open');
    clock += 2_000;
    gate.lockIfIdle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gate.status()).toEqual({ state: 'locked', lastUser: 'admin', unlockHere: [] });
  });
});
