import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackupFolder } from '../../db/backups';
import { isReadOperation } from '../../db/dispatch';
import { openFieldbook } from '../../db/service';
import { contract, operationNames, type OperationName } from '../../shared/api';
import { operationCases } from '../integration/operations/contractCases';
import { makeFixture, type Fixture } from '../integration/operations/fixture';
import { openBook, manager } from '../integration/operations/helpers';
import { digestOf } from './books';

/*
 * Every read of the contract, with the valid input of its contract case, on a book holding one
 * of everything: on a book opened read-only each one answers (but those that record
 * something or take the write lock, which are refused), and on a book opened for writing none
 * of them writes a byte — nor does opening it, closing it, or its node id.
 */
// The sign-in door answers the session's operations, never the dispatcher (tests/integration/access/).
const reads = operationNames.filter(
  (name) => isReadOperation(name) && contract[name].settings.access !== 'session',
);
/** Reads that write on purpose: an export records itself, a sync preview is the import rolled back. */
const recording = new Set<OperationName>([
  'exports.csv',
  'sync.export',
  'sync.preview',
  'backups.create',
  'accounts.exportPersonalData',
  'accounts.reveal',
  'audit.export',
]);
/** The staged file lives in the memory of the book that staged it, not in the file. */
const elsewhere = new Set<OperationName>(['imports.preview']);

let directory: string;
let pristine: string;
let fixture: Fixture;

beforeAll(async () => {
  const book = await openBook();
  fixture = makeFixture(book);
  book.fieldbook.close();
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-reads-'));
  pristine = join(directory, 'pristine', 'fieldbook.db');
  mkdirSync(dirname(pristine));
  copyFileSync(book.fieldbook.db.path, pristine);
  // The fixture's backup, which backups.verify and backups.preview read, beside every copy.
  cpSync(defaultBackupFolder(book.fieldbook.db.path), defaultBackupFolder(pristine), { recursive: true });
  book.close();
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The pristine book and its backups, copied to a folder of their own. */
function copyOfPristine(name: string): string {
  const path = join(directory, name, 'fieldbook.db');
  cpSync(dirname(pristine), dirname(path), { recursive: true });
  return path;
}

function inputOf(name: OperationName): unknown {
  return (operationCases[name] as { valid: (f: Fixture) => unknown }).valid(fixture);
}

describe('reads never write', () => {
  it('every read answers on a book opened read-only; those that record are refused', async () => {
    const path = copyOfPristine('read-only');
    const before = digestOf(path);
    const book = await openFieldbook(path, { readonly: true });
    try {
      for (const name of reads) {
        const result = book.dispatch(name, inputOf(name), manager);
        if (
          name === 'sync.export' ||
          name === 'sync.preview' ||
          name === 'backups.create' ||
          name === 'accounts.exportPersonalData' ||
          name === 'accounts.reveal'
        ) {
          expect(result, name).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
        } else if (elsewhere.has(name)) {
          expect(result, name).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_STAGED' } });
        } else {
          expect(result.ok ? 'ok' : result.error, name).toBe('ok');
        }
      }
    } finally {
      book.close();
    }
    expect(digestOf(path)).toBe(before);
  });

  it('a book opened for writing, read through and closed, is not written', async () => {
    const path = copyOfPristine('writable');
    const before = digestOf(path);
    const book = await openFieldbook(path);
    try {
      expect(book.storage().writable).toBe(true);
      for (const name of reads.filter((read) => !recording.has(read) && !elsewhere.has(read))) {
        const result = book.dispatch(name, inputOf(name), manager);
        expect(result.ok ? 'ok' : result.error, name).toBe('ok');
      }
    } finally {
      book.close();
    }
    expect(digestOf(path)).toBe(before);
  });
});
