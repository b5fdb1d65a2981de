import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessGate, type AccessGate } from '../../../db/access/gate';
import { latestMigration } from '../../../db/migrations';
import { encodeBundle } from '../../../db/sync/bundleFile';
import { crc32 } from 'node:zlib';
import { emptyKeyring, findWrappedKey, readKeyring, unwrapUserKeys } from '../../../db/access/keyring';
import { newSigningKey } from '../../../db/access/signing';
import type { SyncExport, SyncImportResult, SyncPreview } from '../../../shared/types';
import { decodeBundle } from '../../unit/decodeBundle';
import { ok, refused } from './settled';

/**
 * Signed, scoped sync between real books behind the sign-in door: head office (an admin) writes a
 * file for one manager, who joins from it on a new laptop and sees only their accounts; files are
 * signed by their exporter, and a book refuses unsigned, unknown, disabled and altered signers;
 * a manager's file that changes another manager's account or a user is refused change by change;
 * an account handed over at head office leaves the leaver's book at its next import.
 */
const passphrase = 'team passphrase 2026';
const admin = { code: 'admin', name: '总部管理员', password: 'correct horse' };
const m1 = { code: 'm001', name: '张经理', role: 'manager', supervisor: null, password: 'given by hq 1' };
const m2 = { code: 'm002', name: '李经理', role: 'manager', supervisor: null, password: 'given by hq 2' };

let directory: string;
const gates: AccessGate[] = [];
let hq: AccessGate;
/** Accounts at head office by name: id. */
const accounts: Record<string, string> = {};

const byName = new Map<string, AccessGate>();
const gateOf = (name: string): AccessGate => {
  const gate = byName.get(name);
  if (!gate) throw new Error(`no book ${name}`);
  return gate;
};
const manifestOf = (bundleId: string) => ({
  bundleId,
  sourceNode: '0123456789abcdef',
  schemaVersion: latestMigration,
  versionVector: {},
  createdAt: '2026-12-06T08:00:00.000Z',
});

function newGate(name: string): AccessGate {
  const gate = createAccessGate(joinPath(directory, `${name}.db`), { idleCheckMs: 0 });
  gates.push(gate);
  byName.set(name, gate);
  return gate;
}

const names = (gate: AccessGate) =>
  (gate.current()?.fieldbook.db.sqlite.prepare('SELECT name FROM accounts ORDER BY name').pluck().all() ??
    []) as string[];

async function createAccount(gate: AccessGate, name: string, owner: string): Promise<string> {
  const created = await ok<{ id: string }>(
    gate.call('accounts.create', {
      kind: 'organization',
      name,
      owner,
      phones: [{ number: `0754-8899${String(Object.keys(accounts).length).padStart(4, '0')}` }],
    }),
  );
  accounts[name] = created.id;
  return created.id;
}

async function fileFor(user: string): Promise<SyncExport> {
  return ok<SyncExport>(hq.call('sync.export', { passphrase, forUser: user, purpose: '新员工入职' }));
}

async function join(name: string, user: { code: string; password: string }, file: SyncExport) {
  const gate = newGate(name);
  await ok(
    gate.call('session.join', {
      contentBase64: file.contentBase64,
      passphrase,
      code: user.code,
      enrolmentPassword: user.password,
      password: `own password of ${user.code}`,
    }),
  );
  return gate;
}

beforeAll(async () => {
  directory = mkdtempSync(joinPath(tmpdir(), 'fieldbook-signed-'));
  hq = newGate('hq');
  await ok(hq.call('session.setUp', admin));
  await ok(hq.call('users.add', m1));
  await ok(hq.call('users.add', m2));
  await createAccount(hq, '潮州港务集团', 'm001');
  await createAccount(hq, '汕头电子厂', 'm001');
  await createAccount(hq, '揭阳物流', 'm002');
}, 60_000);
afterAll(() => {
  for (const gate of gates) gate.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a head-office file for one user', () => {
  let laptop: AccessGate;

  it('carries that user’s accounts, the users, and names exporter, recipient and purpose', async () => {
    const file = await fileFor('m001');
    expect(file.fileName).toMatch(/^fieldbook-for-m001-admin-/);
    expect(file.manifest).toMatchObject({ exporter: 'admin', recipient: 'm001', purpose: '新员工入职' });
    const text = JSON.stringify(
      decodeBundle(Buffer.from(file.contentBase64, 'base64'), passphrase, {
        latestSchemaVersion: latestMigration,
      }).ops,
    );
    expect(text).toContain('潮州港务集团');
    expect(text).not.toContain('揭阳物流');
  });

  it('lets the user join on a new computer, who then sees only their accounts', async () => {
    laptop = await join('laptop-m1', m1, await fileFor('m001'));
    expect(laptop.status()).toMatchObject({ state: 'open', user: { code: 'm001', owners: ['m001'] } });
    expect(names(laptop)).toEqual(['汕头电子厂', '潮州港务集团']);
    const users = laptop
      .current()
      ?.fieldbook.db.sqlite.prepare('SELECT code FROM users ORDER BY code')
      .pluck()
      .all();
    expect(users).toEqual(['admin', 'm001', 'm002']);
    // Their own password signs them in again; the administrator's no longer matters here.
    await ok(laptop.call('session.lock', {}));
    await ok(laptop.call('session.signIn', { code: 'm001', password: 'own password of m001' }));
  });

  it('refuses a join with the wrong password, for another user, and leaves nothing behind', async () => {
    const file = await fileFor('m001');
    const gate = newGate('laptop-wrong');
    const attempt = (code: string, enrolmentPassword: string) =>
      refused(
        gate.call('session.join', {
          contentBase64: file.contentBase64,
          passphrase,
          code,
          enrolmentPassword,
          password: 'whatever 123',
        }),
      );
    expect(await attempt('m001', 'not the password')).toBe('WRONG_PASSWORD');
    expect(await attempt('m002', m2.password)).toBe('JOIN_NOT_FOR_YOU');
    expect(gate.status()).toEqual({ state: 'setup', bookExists: false });
  });

  it('takes the manager’s own changes at head office, signed by them', async () => {
    await ok(laptop.call('accounts.update', { id: accounts['潮州港务集团'], name: '潮州港务集团（改）' }));
    const file = await ok<SyncExport>(laptop.call('sync.export', { passphrase }));
    expect(file.manifest.exporter).toBe('m001');
    const result = await ok<SyncImportResult>(
      hq.call('sync.import', { contentBase64: file.contentBase64, passphrase }),
    );
    expect(result.refusedTotal).toBe(0);
    expect(names(hq)).toContain('潮州港务集团（改）');
  });
});

describe('what a manager’s file may change', () => {
  it('refuses, change by change, an edit of another manager’s account and of a user', async () => {
    const entry = findWrappedKey(readKeyring(joinPath(directory, 'laptop-m1.db')) ?? emptyKeyring(), 'm001');
    const keys = entry ? await unwrapUserKeys(entry, 'own password of m001') : null;
    if (!keys?.signing) throw new Error('no key for m001');
    // A clock of a node of its own, a minute ahead: newer than anything head office holds.
    const later = `${new Date(Date.now() + 60_000).toISOString()}-0000-00000000000f0f0f`;
    const forged = encodeBundle({
      manifest: manifestOf('0190a5f0-0000-7000-8000-000000000010'),
      ops: [
        {
          u: 'm001',
          h: later,
          row: {
            name: '张经理',
            role: 'admin',
            supervisor: null,
            status: 'active',
            key: keys.signing.publicKey,
          },
        },
        { t: 'accounts', id: accounts['揭阳物流'] ?? '', h: later, row: { name: '被改了' } },
      ],
      passphrase,
      signer: { code: 'm001', key: keys.signing },
    });
    const preview = await ok<SyncPreview>(
      hq.call('sync.preview', { contentBase64: forged.toString('base64'), passphrase }),
    );
    expect(preview.refusedTotal).toBe(2);
    expect(preview.refused.map((refusal) => refusal.reason).sort()).toEqual([
      'outsideSignersAccounts',
      'userChangeNotAllowed',
    ]);
    const result = await ok<SyncImportResult>(
      hq.call('sync.import', { contentBase64: forged.toString('base64'), passphrase }),
    );
    expect(result.refusedTotal).toBe(2);
    expect(names(hq)).toContain('揭阳物流');
    const role = hq
      .current()
      ?.fieldbook.db.sqlite.prepare("SELECT role FROM users WHERE code = 'm001'")
      .pluck()
      .get();
    expect(role).toBe('manager');
  });
});

describe('scope at import', () => {
  it('leaves out another manager’s accounts from a whole-book file', async () => {
    const laptop = gateOf('laptop-m1');
    const whole = await ok<SyncExport>(hq.call('sync.export', { passphrase, full: true }));
    const result = await ok<SyncImportResult>(
      laptop.call('sync.import', { contentBase64: whole.contentBase64, passphrase }),
    );
    expect(result.outsideScope).toBeGreaterThan(0);
    expect(names(laptop)).not.toContain('揭阳物流');
  });

  it('drops an account handed over at head office from the leaver’s book at its next file', async () => {
    const laptop = gateOf('laptop-m1');
    await ok(
      hq.call('accounts.handover', { from: 'm001', to: 'm002', accountIds: [accounts['汕头电子厂']] }),
    );
    const file = await fileFor('m001');
    const preview = await ok<SyncPreview>(
      laptop.call('sync.preview', { contentBase64: file.contentBase64, passphrase }),
    );
    expect(preview.leaving).toBe(1);
    await ok(laptop.call('sync.import', { contentBase64: file.contentBase64, passphrase }));
    expect(names(laptop)).toEqual(['潮州港务集团（改）']);
    // Still at head office, now the successor's.
    expect(names(hq)).toContain('汕头电子厂');
  });

  it('keeps an account the leaver changed after head office last heard from them', async () => {
    const laptop = gateOf('laptop-m1');
    const file = await fileFor('m001');
    await ok(laptop.call('accounts.update', { id: accounts['潮州港务集团'], name: '潮州港务集团（再改）' }));
    await ok(
      hq.call('accounts.handover', { from: 'm001', to: 'm002', accountIds: [accounts['潮州港务集团']] }),
    );
    // A file written before the handover: the account is in it, and stays.
    await ok(laptop.call('sync.import', { contentBase64: file.contentBase64, passphrase }));
    const after = await fileFor('m001');
    // Written after it, but head office has not seen the leaver's latest edit: kept until it has,
    // from a file for them and from a whole-book file alike.
    const preview = await ok<SyncPreview>(
      laptop.call('sync.preview', { contentBase64: after.contentBase64, passphrase }),
    );
    expect(preview.leaving).toBe(0);
    const whole = await ok<SyncExport>(hq.call('sync.export', { passphrase, full: true }));
    const fromWhole = await ok<SyncImportResult>(
      laptop.call('sync.import', { contentBase64: whole.contentBase64, passphrase }),
    );
    expect(fromWhole.leaving).toBe(0);
    expect(names(laptop)).toEqual(['潮州港务集团（再改）']);
    // Once head office has the leaver's file (their late edit refused there, and listed), the
    // next file takes the account away.
    const late = await ok<SyncExport>(laptop.call('sync.export', { passphrase }));
    const result = await ok<SyncImportResult>(
      hq.call('sync.import', { contentBase64: late.contentBase64, passphrase }),
    );
    expect(result.refused).toEqual([
      {
        entity: 'account',
        rowId: accounts['潮州港务集团'],
        accountId: accounts['潮州港务集团'],
        reason: 'outsideSignersAccounts',
      },
    ]);
    await ok(
      laptop.call('sync.import', { contentBase64: (await fileFor('m001')).contentBase64, passphrase }),
    );
    expect(names(laptop)).toEqual([]);
  });
});

describe('signatures', () => {
  it('refuses unsigned files, unknown signers, altered files and disabled signers', async () => {
    // A file signed with a key head office does not know for m002.
    const stranger = encodeBundle({
      manifest: manifestOf('0190a5f0-0000-7000-8000-000000000001'),
      ops: [],
      passphrase,
      signer: { code: 'm002', key: newSigningKey() },
    });
    const unsigned = encodeBundle({
      manifest: manifestOf('0190a5f0-0000-7000-8000-000000000002'),
      ops: [],
      passphrase,
    });
    const nobody = encodeBundle({
      manifest: manifestOf('0190a5f0-0000-7000-8000-000000000003'),
      ops: [],
      passphrase,
      signer: { code: 'x999', key: newSigningKey() },
    });
    const importing = (bytes: Buffer) =>
      refused(hq.call('sync.preview', { contentBase64: bytes.toString('base64'), passphrase }));
    expect(await importing(unsigned)).toBe('SYNC_UNSIGNED');
    expect(await importing(nobody)).toBe('SYNC_SIGNER_UNKNOWN');
    expect(await importing(stranger)).toBe('SYNC_BAD_SIGNATURE');
    // A real file with one byte of its signature changed (and its checksum made right again).
    const laptop = gateOf('laptop-m1');
    const real = Buffer.from(
      (await ok<SyncExport>(laptop.call('sync.export', { passphrase }))).contentBase64,
      'base64',
    );
    real[real.length - 10] = (real[real.length - 10] ?? 0) ^ 1;
    real.writeUInt32BE(crc32(real.subarray(0, real.length - 4)), real.length - 4);
    expect(await importing(real)).toBe('SYNC_BAD_SIGNATURE');
    // The manager disabled at head office: their next file is refused, and their own book locks
    // them out once it hears of it.
    await ok(hq.call('users.update', { code: 'm001', status: 'disabled' }));
    const later = await ok<SyncExport>(laptop.call('sync.export', { passphrase }));
    expect(await importing(Buffer.from(later.contentBase64, 'base64'))).toBe('SYNC_SIGNER_DISABLED');
    const whole = await ok<SyncExport>(hq.call('sync.export', { passphrase, full: true }));
    await ok(laptop.call('sync.import', { contentBase64: whole.contentBase64, passphrase }));
    expect(laptop.status().state).toBe('locked');
  });
});
