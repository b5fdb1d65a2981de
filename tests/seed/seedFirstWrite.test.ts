import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as openBookModule from '../../db/openBook';
import { seedDatabase } from '../../db/seed';
import { openFieldbook } from '../../db/service';

/**
 * The CLI checks a book's integrity before its first write. Seeding writes its batches inside
 * one transaction, and that check stays due until a write commits: it ran before every batch,
 * each time reading the whole book written so far. It must run once.
 */
const checks = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../db/openBook', async (importOriginal) => {
  const actual = await importOriginal<typeof openBookModule>();
  return {
    ...actual,
    quickCheck: (...parameters: Parameters<typeof actual.quickCheck>) => {
      checks.count += 1;
      return actual.quickCheck(...parameters);
    },
  };
});

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-seed-check-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('seeding a book opened as the CLI opens it', () => {
  it('checks the book once, not before every batch', async () => {
    const fieldbook = await openFieldbook(join(directory, 'seeded.db'), { integrityCheck: 'first-write' });
    try {
      checks.count = 0;
      const summary = seedDatabase(fieldbook.db, { accounts: 40, seed: 3 });
      expect(summary.batches).toBeGreaterThan(3);
      expect(checks.count).toBe(1);
      expect(summary.rows.accounts).toBe(40);
    } finally {
      fieldbook.close();
    }
  });
});
