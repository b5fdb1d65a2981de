import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { defaultKdf, formerKdf } from '../../db/sync/bundleKey';
import { exportBundle } from '../../db/sync/export';
import { protectedPassphraseKey, type SecretProtector } from '../../db/syncSecret';
import { ApiError } from '../../shared/errors';

/*
 * The team passphrase kept per device: protected by the OS where a protector is
 * given (Electron's safeStorage), else in memory for the process; never written in plain text;
 * used by sync.export / preview / import when a call gives none.
 */

const passphrase = 'correct horse battery staple';
const actor = { actor: 'm001' };

/** A reversible stand-in for the OS's encryption; `broken` cannot decrypt (another user's key). */
function fakeProtector(options: { available?: boolean; broken?: boolean } = {}): SecretProtector {
  return {
    available: () => options.available ?? true,
    encrypt: (text) => Buffer.from(`os:${text}`, 'utf8').reverse(),
    decrypt: (bytes) => {
      const text = Buffer.from(bytes).reverse().toString('utf8');
      if (options.broken || !text.startsWith('os:')) throw new Error('cannot decrypt');
      return text.slice(3);
    },
  };
}

let directory: string;
const opened: Fieldbook[] = [];
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-passphrase-'));
});
afterEach(() => {
  for (const book of opened.splice(0)) book.close();
  rmSync(directory, { recursive: true, force: true });
});

async function open(name: string, secrets?: SecretProtector): Promise<Fieldbook> {
  const book = await openFieldbook(join(directory, name), secrets ? { secrets } : {});
  opened.push(book);
  return book;
}

function close(book: Fieldbook): void {
  opened.splice(opened.indexOf(book), 1);
  book.close();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof ApiError ? error.code : String(error);
  }
}

/** Whether the text appears anywhere in the database files (main file and write-ahead log). */
function onDisk(name: string, text: string): boolean {
  return ['', '-wal'].some((suffix) => {
    const file = join(directory, `${name}${suffix}`);
    return existsSync(file) && readFileSync(file).includes(Buffer.from(text, 'utf8'));
  });
}

describe('without a protector (preview mode, tests, CLI)', () => {
  it('keeps the passphrase in memory only, uses it when a call gives none, and forgets it on close', async () => {
    const a = await open('a.db');
    const api = a.client(actor);
    expect(await api.settings.get()).toMatchObject({
      syncPassphraseSet: false,
      syncPassphraseStorage: 'memory',
    });
    expect(await codeOf(api.sync.export({}))).toBe('SYNC_NO_PASSPHRASE');

    expect(await api.sync.setPassphrase({ passphrase })).toEqual({ set: true, storage: 'memory' });
    expect(await api.settings.get()).toMatchObject({
      syncPassphraseSet: true,
      syncPassphraseStorage: 'memory',
    });
    await api.accounts.create({ kind: 'person', name: '陈美嘉' });
    const exported = await api.sync.export({});

    // Another device given the passphrase explicitly (as the CLI does) reads the file.
    const b = await open('b.db');
    const preview = await b.client(actor).sync.preview({ contentBase64: exported.contentBase64, passphrase });
    expect(preview.totals.new).toBe(1);

    const audit = a.db.sqlite.prepare("SELECT action, after FROM audit_log WHERE entity = 'settings'").all();
    expect(audit).toEqual([{ action: 'sync.passphrase.set', after: JSON.stringify({ storage: 'memory' }) }]);
    expect(onDisk('a.db', passphrase)).toBe(false);

    close(a);
    const again = await open('a.db');
    expect((await again.client(actor).settings.get()).syncPassphraseSet).toBe(false);
    expect(onDisk('a.db', passphrase)).toBe(false);
  });

  it('forgets it when cleared; a passphrase given with a call still works', async () => {
    const a = await open('a.db');
    const api = a.client(actor);
    await api.sync.setPassphrase({ passphrase });
    expect(await api.sync.clearPassphrase()).toEqual({ set: false, storage: 'memory' });
    expect(await codeOf(api.sync.export({ full: true }))).toBe('SYNC_NO_PASSPHRASE');
    expect(await codeOf(api.sync.preview({ contentBase64: 'AAAA' }))).toBe('SYNC_NO_PASSPHRASE');
    expect(await codeOf(api.sync.import({ contentBase64: 'AAAA' }))).toBe('SYNC_NO_PASSPHRASE');
    expect(await codeOf(api.sync.export({ full: true, passphrase }))).toBe('ok');
    const actions = a.db.sqlite
      .prepare("SELECT action FROM audit_log WHERE entity = 'settings' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual(['sync.passphrase.set', 'sync.passphrase.clear']);
  });

  it('refuses a new passphrase shorter than 12 characters, to set or to export with', async () => {
    const api = (await open('a.db')).client(actor);
    for (const short of ['short', 'eleven char']) {
      const error = await api.sync.setPassphrase({ passphrase: short }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).issues?.[0]).toMatchObject({
        path: ['passphrase'],
        code: 'sync_new_passphrase_short',
      });
      expect(await codeOf(api.sync.export({ full: true, passphrase: short }))).toBe('VALIDATION_FAILED');
    }
    expect((await api.settings.get()).syncPassphraseSet).toBe(false);
  });

  it('keeps a short passphrase set before the 12-character rule working, and opens older files', async () => {
    const formerRule = 'ten chars!';
    const a = await open('a.db');
    const b = await open('b.db');
    // Set by an earlier version, which accepted 8 characters (the handler, past today's schema).
    a.handlers['sync.setPassphrase']({ passphrase: formerRule }, actor);
    const api = a.client(actor);
    await api.accounts.create({ kind: 'person', name: '王芳' });
    const exported = await api.sync.export({ full: true });
    // New files carry the new cost in their header.
    expect(Buffer.from(exported.contentBase64, 'base64').readUInt8(10)).toBe(defaultKdf.log2N);
    const other = b.client(actor);
    const previewed = await other.sync.preview({
      contentBase64: exported.contentBase64,
      passphrase: formerRule,
    });
    expect(previewed.totals.new).toBe(1);
    // A file from before the cost was raised (N = 2^15 in its header) opens as any other.
    const older = exportBundle(a.db, { full: true, passphrase: formerRule, actor: 'm001', kdf: formerKdf });
    expect(older.bytes.readUInt8(10)).toBe(15);
    const imported = await other.sync.import({
      contentBase64: older.bytes.toString('base64'),
      passphrase: formerRule,
    });
    expect(imported.totals.new).toBe(1);
    expect(await codeOf(other.sync.preview({ contentBase64: 'AAAA', passphrase: 'seven!!' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('with a protector (Electron safeStorage)', () => {
  it('stores it encrypted and finds it again after a restart', async () => {
    const a = await open('a.db', fakeProtector());
    const api = a.client(actor);
    expect((await api.settings.get()).syncPassphraseStorage).toBe('protected');
    expect(await api.sync.setPassphrase({ passphrase })).toEqual({ set: true, storage: 'protected' });
    const stored = a.db.sqlite
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(protectedPassphraseKey) as string;
    expect(stored).not.toContain(passphrase);
    close(a);
    expect(onDisk('a.db', passphrase)).toBe(false);

    const again = await open('a.db', fakeProtector());
    const reopened = again.client(actor);
    expect(await reopened.settings.get()).toMatchObject({
      syncPassphraseSet: true,
      syncPassphraseStorage: 'protected',
    });
    await reopened.accounts.create({ kind: 'person', name: '陈美嘉' });
    const exported = await reopened.sync.export({});
    const b = await open('b.db', fakeProtector());
    await b.client(actor).sync.setPassphrase({ passphrase });
    expect((await b.client(actor).sync.import({ contentBase64: exported.contentBase64 })).totals.new).toBe(1);

    // A passphrase given with the call wins over the stored one.
    const other = await reopened.sync.export({ full: true, passphrase: 'another team passphrase' });
    expect(await codeOf(b.client(actor).sync.preview({ contentBase64: other.contentBase64 }))).toBe(
      'SYNC_WRONG_KEY',
    );
  });

  it('counts a stored passphrase it cannot decrypt (another user, a copied file) as not set', async () => {
    const a = await open('a.db', fakeProtector());
    await a.client(actor).sync.setPassphrase({ passphrase });
    close(a);
    const copied = await open('a.db', fakeProtector({ broken: true }));
    expect((await copied.client(actor).settings.get()).syncPassphraseSet).toBe(false);
    expect(await codeOf(copied.client(actor).sync.export({}))).toBe('SYNC_NO_PASSPHRASE');
  });

  it('keeps it in memory when the OS offers no protection, and drops a stored copy', async () => {
    const a = await open('a.db', fakeProtector());
    await a.client(actor).sync.setPassphrase({ passphrase });
    close(a);
    const locked = await open('a.db', fakeProtector({ available: false }));
    const api = locked.client(actor);
    expect(await api.settings.get()).toMatchObject({
      syncPassphraseSet: false,
      syncPassphraseStorage: 'memory',
    });
    expect(await api.sync.setPassphrase({ passphrase: 'a new team passphrase' })).toEqual({
      set: true,
      storage: 'memory',
    });
    const rows = locked.db.sqlite
      .prepare('SELECT count(*) FROM settings WHERE key = ?')
      .pluck()
      .get(protectedPassphraseKey);
    expect(rows).toBe(0);
    expect(onDisk('a.db', 'a new team passphrase')).toBe(false);
  });

  it('clearing removes the stored copy', async () => {
    const a = await open('a.db', fakeProtector());
    await a.client(actor).sync.setPassphrase({ passphrase });
    await a.client(actor).sync.clearPassphrase();
    close(a);
    const again = await open('a.db', fakeProtector());
    expect((await again.client(actor).settings.get()).syncPassphraseSet).toBe(false);
  });
});
