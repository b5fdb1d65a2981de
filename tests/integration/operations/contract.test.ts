import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessGate } from '../../../db/access/gate';
import type { ApiResult } from '../../../shared/errors';
import type { SecretProtector } from '../../../db/syncSecret';
import { contract, operationNames, type OperationName } from '../../../shared/api';
import { badInput, operationCases, type OperationCase } from './contractCases';
import { makeFixture, type Fixture } from './fixture';
import { manager, missingId, openBook, type Book } from './helpers';

/**
 * The whole contract, operation by operation: each one refuses malformed input with an issue
 * at the field at fault and writes nothing, then accepts a valid input. Domain behaviour (what
 * is returned and stored, the typed rejections) is in the files named after each domain.
 */
describe('the operation table', () => {
  it('covers exactly the operations of the contract', () => {
    expect(Object.keys(operationCases).sort()).toEqual([...operationNames].sort());
    expect(new Set(operationNames).size).toBe(operationNames.length);
  });
});

describe('an unknown operation', () => {
  let book: Book;
  beforeAll(async () => {
    book = await openBook();
    makeFixture(book);
  });
  afterAll(() => book.close());

  it.each(['accounts.destroy', 'accounts', '', 'toString', '__proto__', 'constructor', 'ACCOUNTS.GET'])(
    'rejects %j as UNKNOWN_OPERATION, writing nothing',
    (name) => {
      const error = book.rejects(name, { id: missingId }, 'UNKNOWN_OPERATION');
      expect(error.message).toContain(name);
    },
  );
});

function describeOperation<N extends OperationName>(name: N, testCase: OperationCase<N>): void {
  describe(name, () => {
    let book: Book;
    let fixture: Fixture;
    beforeAll(async () => {
      book = await openBook();
      fixture = makeFixture(book);
    });
    afterAll(() => book.close());

    // Refusals first: each is checked to write nothing, so they leave the book as it was.
    it.each(testCase.invalid)('refuses %s', (_what, patch, issuePath) => {
      book.invalid(name, badInput(testCase.valid(fixture), patch, fixture), issuePath);
    });

    it('refuses an unknown key, naming it', () => {
      const error = book.invalid(name, { ...testCase.valid(fixture), surprise: 1 }, []);
      expect(error.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', path: [] }));
      expect(error.message).toContain('surprise');
    });

    it.each([null, 'text', 42, []])('refuses %j instead of an object', (input) => {
      book.invalid(name, input, []);
    });

    it('accepts a valid input', async () => {
      // What the service runs itself (a restore) goes through its `call`, as every transport's does.
      const result = throughTheDoor(name)
        ? await callThroughTheDoor(name, testCase.valid(fixture))
        : contract[name].settings.replacesBook
          ? await book.fieldbook.call(name, testCase.valid(fixture), manager)
          : book.raw(name, testCase.valid(fixture));
      expect(result.ok ? 'ok' : result.error).toBe('ok');
    });
  });
}

/** Users and sign-in need a book with users, run behind the door (db/access/gate.ts). */
const throughTheDoor = (name: OperationName) => name.startsWith('session.') || name.startsWith('users.');

/** A stand-in for the OS key store (Electron safeStorage), so `session.unlock*` can run. */
const osAccount: SecretProtector = {
  available: () => true,
  encrypt: (text) => Buffer.from(text, 'utf8').reverse(),
  decrypt: (bytes) => Buffer.from(bytes).reverse().toString('utf8'),
};

async function callThroughTheDoor(name: OperationName, input: unknown): Promise<ApiResult<unknown>> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-door-'));
  const gate = createAccessGate(join(directory, 'book.db'), { idleCheckMs: 0, secrets: osAccount });
  try {
    // A new book joins from a head-office file written for m001 (the case's passwords).
    if (name === 'session.join') return await gate.call(name, await withHeadOfficeFile(directory, input));
    if (name !== 'session.setUp') {
      await gate.call('session.setUp', { code: 'admin', name: '管理员', password: 'correct horse' });
      const manager = { code: 'm001', name: '王', role: 'manager', password: 'correct horse' };
      await gate.call('users.add', manager);
    }
    if (name === 'session.signIn') await gate.call('session.lock', {});
    if (name === 'session.unlock') {
      await gate.call('session.signIn', { code: 'm001', password: 'correct horse' });
      await gate.call('session.unlockHere', { enabled: true, password: 'correct horse' });
      await gate.call('session.lock', {});
    }
    return await gate.call(name, input);
  } finally {
    gate.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function withHeadOfficeFile(directory: string, input: unknown): Promise<unknown> {
  const join_ = input as { passphrase: string; code: string; enrolmentPassword: string };
  const hq = createAccessGate(join(directory, 'hq.db'), { idleCheckMs: 0 });
  try {
    await hq.call('session.setUp', { code: 'admin', name: '管理员', password: 'correct horse' });
    await hq.call('users.add', {
      code: join_.code,
      name: '王',
      role: 'manager',
      password: join_.enrolmentPassword,
    });
    const file = await hq.call('sync.export', { passphrase: join_.passphrase, forUser: join_.code });
    if (!file.ok) throw new Error(file.error.message);
    return { ...join_, contentBase64: (file.value as { contentBase64: string }).contentBase64 };
  } finally {
    hq.close();
  }
}

for (const name of operationNames) describeOperation(name, operationCases[name]);
