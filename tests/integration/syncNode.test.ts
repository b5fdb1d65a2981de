import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { localClock } from '../../db/sync/versionVector';
import { exportBundle } from '../../db/sync/export';
import { importBundle } from '../../db/sync/apply';

/*
 * A copied database file takes a node id of its own (db/sync/node.ts), so a sync never takes
 * two different writes for the same one. It takes it at its first write: opening and reading a
 * book writes nothing (a copy on a read-only medium, a backup looked at).
 */
const manager = { actor: '王经理' };
const passphrase = 'copied books';
const kdf = { log2N: 10, r: 8, p: 1 };
let directory: string;
const opened: Fieldbook[] = [];
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-node-'));
});
afterEach(() => {
  for (const book of opened.splice(0)) book.close();
  rmSync(directory, { recursive: true, force: true });
});

async function open(name: string): Promise<Fieldbook> {
  const book = await openFieldbook(join(directory, name));
  opened.push(book);
  return book;
}
function close(book: Fieldbook): void {
  book.close();
  opened.splice(opened.indexOf(book), 1);
}
const nodeOf = (book: Fieldbook) => localClock(book.db).node;
const renewals = (book: Fieldbook) =>
  book.db.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'node.renew'").all();
const firstWrite = (book: Fieldbook, name = '关谷神奇') =>
  book.client(manager).accounts.create({ kind: 'person', name });
const digestOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a book keeps its node id where it lives, and a copy takes a new one', () => {
  it('reopening the same file keeps the node id and records nothing', async () => {
    let book = await open('book.db');
    const node = nodeOf(book);
    close(book);
    book = await open('book.db');
    expect(nodeOf(book)).toBe(node);
    expect(renewals(book)).toEqual([]);
  });

  it('a copy renews its node id once, keeping its clock ahead of everything it wrote', async () => {
    const original = await open('book.db');
    await original.client(manager).accounts.create({ kind: 'person', name: '陈美嘉' });
    const node = nodeOf(original);
    const clockBefore = localClock(original.db).hlc;
    close(original);
    copyFileSync(join(directory, 'book.db'), join(directory, 'copy.db'));

    let copy = await open('copy.db');
    // Opened and read, not yet written: still the original's id, nothing recorded.
    expect(nodeOf(copy)).toBe(node);
    expect(renewals(copy)).toEqual([]);
    await firstWrite(copy);
    const renewed = nodeOf(copy);
    expect(renewed).not.toBe(node);
    expect(renewed).toMatch(/^[0-9a-f]{16}$/);
    // The renewal keeps time and counter: the write after it sorts after everything before.
    expect(localClock(copy.db).hlc.slice(0, -16) > clockBefore.slice(0, -16)).toBe(true);
    expect(renewals(copy)).toHaveLength(1);
    close(copy);
    copy = await open('copy.db');
    await firstWrite(copy, '胡一菲');
    expect(nodeOf(copy)).toBe(renewed);
    expect(renewals(copy)).toHaveLength(1);
    // The original, where it always was, keeps its id.
    const again = await open('book.db');
    expect(nodeOf(again)).toBe(node);
  });

  it('two copies editing the same notes at once both count: the later wins, the other is in the inbox', async () => {
    const original = await open('book.db');
    const account = await original.client(manager).accounts.create({ kind: 'person', name: '吕子乔' });
    close(original);
    copyFileSync(join(directory, 'book.db'), join(directory, 'copy.db'));
    const [a, b] = [await open('book.db'), await open('copy.db')];
    await a.client(manager).accounts.update({ id: account.id, notes: '周一来访' });
    await b.client(manager).accounts.update({ id: account.id, notes: '周二来访' });
    expect(nodeOf(a)).not.toBe(nodeOf(b));
    const fromB = exportBundle(b.db, { full: false, passphrase, actor: manager.actor, kdf }).bytes;
    importBundle(a.db, fromB, { passphrase, actor: manager.actor });
    const inbox = a.db.sqlite.prepare('SELECT losing_value FROM sync_conflicts').all() as {
      losing_value: string;
    }[];
    const { notes } = await a.client(manager).accounts.get({ id: account.id });
    expect([notes, ...inbox.map((row) => JSON.parse(row.losing_value) as string)].sort()).toEqual(
      ['周一来访', '周二来访'].sort(),
    );
  });

  it('a book renamed, or opened through another name for the same file, keeps its id', async () => {
    let book = await open('book.db');
    const node = nodeOf(book);
    close(book);
    renameSync(join(directory, 'book.db'), join(directory, 'renamed.db'));
    linkSync(join(directory, 'renamed.db'), join(directory, 'alias.db'));
    for (const name of ['renamed.db', 'alias.db', 'renamed.db']) {
      book = await open(name);
      expect(nodeOf(book)).toBe(node);
      close(book);
    }
  });

  it('a book from before homes were recorded renews once (it may be a copy), recorded if it has written', async () => {
    const written = await open('written.db');
    await written.client(manager).accounts.create({ kind: 'person', name: '曾小贤' });
    written.db.sqlite.exec('UPDATE sync_clock SET home = NULL');
    const node = nodeOf(written);
    close(written);
    const reopened = await open('written.db');
    await firstWrite(reopened);
    expect(nodeOf(reopened)).not.toBe(node);
    expect(renewals(reopened)).toHaveLength(1);

    const blank = await open('blank.db');
    blank.db.sqlite.exec('UPDATE sync_clock SET home = NULL');
    const blankNode = nodeOf(blank);
    close(blank);
    copyFileSync(join(directory, 'blank.db'), join(directory, 'blank-copy.db'));
    const [reopenedBlank, blankCopy] = [await open('blank.db'), await open('blank-copy.db')];
    await firstWrite(reopenedBlank);
    await firstWrite(blankCopy);
    expect(new Set([blankNode, nodeOf(reopenedBlank), nodeOf(blankCopy)]).size).toBe(3);
    expect(renewals(reopenedBlank)).toEqual([]);
  });

  it('a copy opened, searched, exported and closed is not written; a write that rolls back renews nothing', async () => {
    const original = await open('book.db');
    await firstWrite(original, '陈美嘉');
    const node = nodeOf(original);
    close(original);
    copyFileSync(join(directory, 'book.db'), join(directory, 'copy.db'));
    const before = digestOf(join(directory, 'copy.db'));

    let copy = await open('copy.db');
    await copy.client(manager).lookup.search({ query: '陈美嘉' });
    await copy.client(manager).exports.csv({ tables: ['accounts'], language: 'zh-CN' });
    expect(nodeOf(copy)).toBe(node);
    close(copy);
    // The CSV export's audit entry is the one write: without it the file is as it was copied.
    copy = await open('copy.db');
    expect(nodeOf(copy)).toBe(node);
    close(copy);

    copyFileSync(join(directory, 'book.db'), join(directory, 'copy.db'));
    copy = await open('copy.db');
    await copy.client(manager).lookup.search({ query: '陈美嘉' });
    close(copy);
    expect(digestOf(join(directory, 'copy.db'))).toBe(before);

    // A write refused (a blank name) rolls back with it the node id it took.
    copy = await open('copy.db');
    await expect(firstWrite(copy, ' ')).rejects.toThrow();
    expect(nodeOf(copy)).toBe(node);
    await firstWrite(copy, '吕小布');
    expect(nodeOf(copy)).not.toBe(node);
    expect(renewals(copy)).toHaveLength(1);
  });
});
