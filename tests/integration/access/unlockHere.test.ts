import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessGate, type AccessGate } from '../../../db/access/gate';
import { readKeyring } from '../../../db/access/keyring';
import type { SecretProtector } from '../../../db/syncSecret';
import type { SessionState } from '../../../shared/types';
import { ok, refused } from './settled';

/**
 * Unlocking with this computer's account (Electron safeStorage in the app; here a protector with
 * a key of its own, as the OS keeps one per account): opt-in with the password, a sign-in without
 * it, gone after a password reset or on another account, never offered without an OS key store.
 */
function osAccount(): SecretProtector & { available: () => boolean } {
  const key = randomBytes(32);
  return {
    available: () => true,
    encrypt: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt: (bytes) => {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let directory: string;
let path: string;
const gates: AccessGate[] = [];
const admin = { code: 'admin', name: '管理员', password: 'correct horse' };

function gateWith(secrets?: SecretProtector): AccessGate {
  const gate = createAccessGate(path, { idleCheckMs: 0, ...(secrets ? { secrets } : {}) });
  gates.push(gate);
  return gate;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-unlock-'));
  path = join(directory, 'book.db');
});
afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('unlocking with this computer’s account', () => {
  it('is turned on with the password, then opens the book without it', async () => {
    const account = osAccount();
    const gate = gateWith(account);
    const opened = await ok<SessionState>(gate.call('session.setUp', admin));
    expect(opened).toMatchObject({ state: 'open', unlockHere: 'off' });
    expect(await refused(gate.call('session.unlockHere', { enabled: true, password: 'wrong one' }))).toBe(
      'WRONG_PASSWORD',
    );
    await ok(gate.call('session.unlockHere', { enabled: true, password: admin.password }));
    expect(gate.status()).toMatchObject({ unlockHere: 'on' });
    await ok(gate.call('session.lock', {}));
    expect(gate.status()).toEqual({ state: 'locked', lastUser: 'admin', unlockHere: ['admin'] });
    const state = await ok<SessionState>(gate.call('session.unlock', { code: 'admin' }));
    expect(state).toMatchObject({ state: 'open', user: { code: 'admin' } });
    // A password change keeps it; the book works as after any sign-in.
    await ok(gate.call('session.changePassword', { current: admin.password, next: 'battery staple' }));
    expect(gate.status()).toMatchObject({ unlockHere: 'on' });
    await ok(gate.call('accounts.list', {}));
    const actions = gate
      .current()
      ?.fieldbook.db.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'session.%' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toContain('session.unlockHere');
  });

  it('is not offered without an OS key store, and another computer account cannot use it', async () => {
    const gate = gateWith();
    await ok(gate.call('session.setUp', admin));
    expect(gate.status()).toMatchObject({ unlockHere: 'unavailable' });
    expect(await refused(gate.call('session.unlockHere', { enabled: true, password: admin.password }))).toBe(
      'FORBIDDEN',
    );
    gate.close();
    const mine = gateWith(osAccount());
    await ok(mine.call('session.signIn', { code: 'admin', password: admin.password }));
    await ok(mine.call('session.unlockHere', { enabled: true, password: admin.password }));
    mine.close();
    // The same book under someone else's computer account: the keys do not open.
    const theirs = gateWith(osAccount());
    expect(await refused(theirs.call('session.unlock', { code: 'admin' }))).toBe('WRONG_PASSWORD');
    expect(theirs.status().state).toBe('locked');
  });

  it('ends when turned off, and when an administrator sets a new password', async () => {
    const account = osAccount();
    const gate = gateWith(account);
    await ok(gate.call('session.setUp', admin));
    await ok(
      gate.call('users.add', { code: 'm001', name: '张经理', role: 'manager', password: 'first password' }),
    );
    await ok(gate.call('session.lock', {}));
    await ok(gate.call('session.signIn', { code: 'm001', password: 'first password' }));
    await ok(gate.call('session.unlockHere', { enabled: true, password: 'first password' }));
    await ok(gate.call('session.unlockHere', { enabled: false }));
    expect(readKeyring(path)?.users.find((entry) => entry.code === 'm001')?.os).toBeUndefined();
    await ok(gate.call('session.unlockHere', { enabled: true, password: 'first password' }));
    await ok(gate.call('session.lock', {}));
    await ok(gate.call('session.signIn', { code: admin.code, password: admin.password }));
    await ok(gate.call('users.setPassword', { code: 'm001', password: 'reset password' }));
    await ok(gate.call('session.lock', {}));
    expect(gate.status()).toEqual({ state: 'locked', lastUser: 'admin', unlockHere: [] });
    expect(await refused(gate.call('session.unlock', { code: 'm001' }))).toBe('WRONG_PASSWORD');
  });
});
