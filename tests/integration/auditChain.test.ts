import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit/chain';
import { openFieldbook } from '../../db/service';
import { buildOldBook } from '../faults/books';

/*
 * The audit log is append-only and chained: SQL cannot change or delete an entry, and an entry
 * changed, removed or inserted behind the triggers' back (dropped, the file edited) is named by
 * `verifyAuditChain`. An erasure may blank an entry's values and keep its proof.
 */
const manager = { actor: 'm001' };
let directory: string;
let counter = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-audit-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A book with a few audited changes; returns its path, closed. */
async function auditedBook(): Promise<string> {
  const path = join(directory, `book-${++counter}.db`);
  const book = await openFieldbook(path);
  const client = book.client(manager);
  for (const name of ['张伟', '李娜', '王芳', '刘洋']) {
    const account = await client.accounts.create({ kind: 'person', name });
    await client.accounts.update({ id: account.id, notes: '周一来访' });
  }
  book.close();
  return path;
}

function raw<T>(path: string, use: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = new BetterSqlite3(path, { fileMustExist: true });
  try {
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}

const ids = (path: string) =>
  raw(path, (sqlite) => sqlite.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[]);

describe('the audit log', () => {
  it('chains every entry the app writes', async () => {
    const path = await auditedBook();
    const verdict = raw(path, verifyAuditChain);
    expect(verdict.firstBroken).toBeNull();
    expect(verdict.entries).toBeGreaterThanOrEqual(8);
  });

  it('refuses an UPDATE or a DELETE through SQL', async () => {
    const path = await auditedBook();
    raw(path, (sqlite) => {
      expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'm999' WHERE id = 2").run()).toThrow(
        /audit entries cannot be changed/,
      );
      expect(() => sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(
        /audit entries cannot be deleted/,
      );
      // Blanking values without marking the entry erased is a change like any other.
      expect(() =>
        sqlite.prepare('UPDATE audit_log SET before = NULL, after = NULL WHERE id = 2').run(),
      ).toThrow(/cannot be changed/);
    });
  });

  it('with the triggers dropped, names the first entry changed, removed or inserted', async () => {
    const tamper = async (edit: (sqlite: BetterSqlite3.Database, ids: number[]) => void) => {
      const path = await auditedBook();
      const all = ids(path);
      return raw(path, (sqlite) => {
        sqlite.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete');
        edit(sqlite, all);
        return verifyAuditChain(sqlite).firstBroken;
      });
    };
    const third = (all: number[]) => all[2] ?? 0;
    expect(
      await tamper((sqlite, all) =>
        sqlite.prepare("UPDATE audit_log SET actor = 'm999' WHERE id = ?").run(third(all)),
      ),
    ).toMatchObject({ id: 3, kind: 'fields', problem: 'its fields, or an entry before it, were changed' });
    expect(
      await tamper((sqlite, all) =>
        sqlite.prepare(`UPDATE audit_log SET after = '{"name":"改过"}' WHERE id = ?`).run(third(all)),
      ),
    ).toMatchObject({ id: 3, kind: 'values', problem: 'its before/after values were changed' });
    expect(
      await tamper((sqlite, all) => sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(third(all))),
    ).toMatchObject({ id: 4, kind: 'missing', problem: 'entries 3–3 are missing' });
    // An entry inserted in the middle by hand: it can only take a free id at the end, or the
    // place of one removed; either way the chain breaks at it.
    expect(
      await tamper((sqlite, all) => {
        sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(third(all));
        sqlite
          .prepare(
            'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, body_hash, hash) SELECT ?, at, actor, action, entity, entity_id, before, after, body_hash, hash FROM audit_log WHERE id = 2',
          )
          .run(third(all));
      }),
    ).toMatchObject({ id: 3 });
  });

  it('lets an erasure blank an entry and mark it, and the chain still holds', async () => {
    const path = await auditedBook();
    raw(path, (sqlite) => {
      sqlite
        .prepare(
          `UPDATE audit_log SET before = NULL, after = NULL, erased = '{"by":"admin","why":"PIPL request"}' WHERE id = 2`,
        )
        .run();
      expect(verifyAuditChain(sqlite).firstBroken).toBeNull();
      // Once erased, an entry is as fixed as any other.
      expect(() => sqlite.prepare("UPDATE audit_log SET erased = '{}' WHERE id = 2").run()).toThrow(
        /cannot be changed/,
      );
    });
  });

  it('chains the entries an older book already held when it is upgraded', async () => {
    const path = join(directory, 'old.db');
    await buildOldBook(path, { accounts: 30, bills: 60, visits: 10 });
    const book = await openFieldbook(path);
    await book.client(manager).accounts.create({ kind: 'person', name: '升级后' });
    book.close();
    const verdict = raw(path, verifyAuditChain);
    expect(verdict.firstBroken).toBeNull();
    expect(verdict.entries).toBeGreaterThan(30);
  });
});
