import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { ChunkWriter, streamTableCsv, tableExports } from '../../db/exports/index';
import { openDatabase } from '../../db/openBook';
import { seedDatabase } from '../../db/seed';

/**
 * The streamed export as bytes: lines are encoded into buffers handed to the sink when full,
 * and rows are read a range of accounts at a time. Every chunk must stay as it was handed
 * over (the UI path keeps them until the file is whole), a character must never be split
 * across chunks in a way that changes the text, and no account range may be skipped.
 */
describe('ChunkWriter', () => {
  it('hands over the UTF-8 of every line, in order, each chunk its own bytes', () => {
    const chunks: Uint8Array[] = [];
    const writer = new ChunkWriter((chunk) => chunks.push(chunk), 64);
    const lines = ['\uFEFF客户编号,账期\r\n'];
    for (let i = 0; i < 200; i++) lines.push(`${i},汕头市三环电子${'ü'.repeat(i % 7)}😀\r\n`);
    // A line longer than a chunk gets a buffer of its own.
    lines.push(`${'长'.repeat(100)}\r\n`);
    lines.push('last\r\n');
    for (const line of lines) writer.add(line);
    writer.flush();
    expect(chunks.length).toBeGreaterThan(10);
    // Read after the last write: a buffer reused for a later chunk would show here.
    expect(Buffer.concat(chunks).toString('utf8')).toBe(lines.join(''));
  });

  it('writes nothing when nothing was added', () => {
    const chunks: Uint8Array[] = [];
    const writer = new ChunkWriter((chunk) => chunks.push(chunk), 64);
    writer.flush();
    expect(chunks).toEqual([]);
  });
});

describe('streamTableCsv over several account ranges', () => {
  let directory: string;
  let db: Db;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'fieldbook-export-stream-'));
    db = await openDatabase(join(directory, 'book.db'));
    // More accounts than one read takes (100): the rows come from several ranges.
    seedDatabase(db, { accounts: 260, seed: 7 });
  });
  afterAll(() => {
    db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes every live bill once, in a file that parses', () => {
    const chunks: Uint8Array[] = [];
    const rows = streamTableCsv(db, tableExports.consumption, 'en', {}, (chunk) => chunks.push(chunk));
    const live = db.sqlite
      .prepare(
        `SELECT count(*) FROM consumption c JOIN accounts a ON a.id = c.account_id
         WHERE c.deleted = 0 AND a.deleted = 0`,
      )
      .pluck()
      .get() as number;
    expect(live).toBeGreaterThan(5000);
    expect(rows).toBe(live);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = parse(text.slice(1), { relax_quotes: false }) as string[][];
    expect(parsed.length).toBe(live + 1);
    const ids = new Set(parsed.slice(1).map((row) => row.at(-1)));
    expect(ids.size).toBe(live);
  });
});
