import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/openBook';
import { beforeFirstWrite, settleFirstWrite, write } from '../../db/write';

/**
 * The work owed before a book's first write (for the CLI: the integrity check of the whole
 * book) runs once, even when many writes share one outer transaction (`call --batch --atomic`).
 */
const folder = mkdtempSync(join(tmpdir(), 'fieldbook-first-write-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function countHookRuns(settleFirst: boolean): Promise<number> {
  const db = await openDatabase(join(folder, `${String(settleFirst)}.db`));
  try {
    let runs = 0;
    beforeFirstWrite(db, () => {
      runs += 1;
    });
    if (settleFirst) settleFirstWrite(db);
    db.transaction(() => {
      for (let index = 0; index < 3; index++) write(db, 'm001', () => undefined);
    });
    write(db, 'm001', () => undefined);
    return runs;
  } finally {
    db.close();
  }
}

describe('settleFirstWrite', () => {
  it('runs the first-write work once, before an outer transaction of many writes', async () => {
    expect(await countHookRuns(true)).toBe(1);
  });

  it('is needed: inside an outer transaction each write would run it again', async () => {
    // Until a write commits outside any transaction, the hook's own writes could still roll back.
    expect(await countHookRuns(false)).toBe(4);
  });
});
