import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { ApiClient, InputOf, OperationName, OutputOf } from '../../../shared/api';
import { creditCodeCheckCharacter } from '../../../shared/domain/creditCode';
import type { ApiErrorData, ApiResult, ErrorCode } from '../../../shared/errors';
import type { Account, AccountKind, RequestContext } from '../../../shared/types';
import { openFieldbook, type Fieldbook, type FieldbookOptions } from '../../../db/service';

/**
 * A fresh Fieldbook on a real SQLite file in its own temp directory, with the calls the
 * operation tests make: typed dispatch, "must succeed", "must be rejected without writing".
 */
export const manager: RequestContext = { actor: 'm001' };

/** Every table an operation may write, and the clock it advances. */
export const writtenTables = [
  'accounts',
  'account_phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
  'sync_ops',
  'field_clock',
  'audit_log',
  'search_keys',
  'sync_clock',
  'settings',
] as const;
const tablesWithSeq = new Set([
  'accounts',
  'account_phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
  'sync_ops',
  'sync_clock',
]);

export interface TableFingerprint {
  readonly count: number;
  readonly maxSeq: number | null;
  /** Hash of every row, so an update in place is seen too. */
  readonly digest: string;
}
export type Fingerprint = Record<(typeof writtenTables)[number], TableFingerprint>;

export interface Book {
  readonly fieldbook: Fieldbook;
  readonly api: ApiClient;
  /** Dispatches a well-typed input. */
  call<N extends OperationName>(name: N, input: InputOf<N>): ApiResult<OutputOf<N>>;
  /** Dispatches anything, as a transport would. */
  raw(name: string, input: unknown): ApiResult<unknown>;
  /** Dispatches and fails the test unless the operation succeeds. */
  ok<N extends OperationName>(name: N, input: InputOf<N>): OutputOf<N>;
  /** Dispatches, expects `code`, and checks that nothing at all was written. */
  rejects(name: string, input: unknown, code: ErrorCode): ApiErrorData;
  /** Expects VALIDATION_FAILED with an issue at `issuePath`, and nothing written. */
  invalid(name: string, input: unknown, issuePath: readonly (string | number)[]): ApiErrorData;
  fingerprint(): Fingerprint;
  /** Rows of one table, for checks the API does not expose. */
  rows(sql: string, ...parameters: unknown[]): Record<string, unknown>[];
  close(): void;
}

export async function openBook(options: FieldbookOptions = {}): Promise<Book> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-ops-'));
  const fieldbook = await openFieldbook(path.join(directory, 'fieldbook.db'), options);
  const sqlite = fieldbook.db.sqlite;

  const fingerprint = (): Fingerprint => {
    const entries = writtenTables.map((table) => {
      const rows = (sqlite.prepare(`SELECT * FROM ${table}`).all() as unknown[]).map((row) =>
        JSON.stringify(row),
      );
      const maxSeq = tablesWithSeq.has(table)
        ? (sqlite.prepare(`SELECT max(seq) AS seq FROM ${table}`).get() as { seq: number | null }).seq
        : null;
      const digest = createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16);
      return [table, { count: rows.length, maxSeq, digest }] as const;
    });
    return Object.fromEntries(entries) as Fingerprint;
  };

  const raw = (name: string, input: unknown) => fieldbook.dispatch(name, input, manager);

  const rejects = (name: string, input: unknown, code: ErrorCode): ApiErrorData => {
    const before = fingerprint();
    const result = raw(name, input);
    if (result.ok) throw new Error(`${name} succeeded, expected ${code}: ${JSON.stringify(result.value)}`);
    expect(result.error.code, result.error.message).toBe(code);
    expect(fingerprint(), `${name} wrote something although it was rejected`).toEqual(before);
    return result.error;
  };

  return {
    fieldbook,
    api: fieldbook.client(manager),
    call: <N extends OperationName>(name: N, input: InputOf<N>) => raw(name, input) as ApiResult<OutputOf<N>>,
    raw,
    ok<N extends OperationName>(name: N, input: InputOf<N>): OutputOf<N> {
      const result = raw(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.value as OutputOf<N>;
    },
    rejects,
    invalid(name, input, issuePath) {
      const error = rejects(name, input, 'VALIDATION_FAILED');
      expect(error.issues?.map((issue) => issue.path)).toContainEqual(issuePath);
      return error;
    },
    fingerprint,
    rows: (sql, ...parameters) => sqlite.prepare(sql).all(...parameters) as Record<string, unknown>[],
    close() {
      fieldbook.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

let nameCounter = 0;
/** A name no other account in the book has (so duplicate checks stay out of the way). */
export function uniqueName(base: string): string {
  nameCounter += 1;
  return `${base}${nameCounter}`;
}

type CreateExtra = Partial<Omit<Extract<InputOf<'accounts.create'>, { kind: 'organization' }>, 'kind'>>;

export function createAccount(book: Book, kind: AccountKind, extra: CreateExtra = {}): Account {
  const name = extra.name ?? uniqueName(kind === 'person' ? '客户' : '公司');
  if (kind === 'person') {
    const { creditCode: _ignored, ...personal } = extra;
    return book.ok('accounts.create', { kind, ...personal, name });
  }
  return book.ok('accounts.create', { kind, ...extra, name });
}

export const createPerson = (book: Book, extra: CreateExtra = {}) => createAccount(book, 'person', extra);
export const createOrganization = (book: Book, extra: CreateExtra = {}) =>
  createAccount(book, 'organization', extra);

/** A valid credit code with the given 17-character body. */
export function creditCode(body: string): string {
  return body + creditCodeCheckCharacter(body);
}

/** An id no row has. */
export const missingId = '01900000-0000-7000-8000-000000000000';
