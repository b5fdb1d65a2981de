import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code says why, in its own words: a tracker's number (the word issue and a number) means nothing to a reader
 * who does not have that tracker, and goes stale when the work is done.
 */
const folders = ['shared', 'db', 'electron', 'renderer', 'tests', 'build', '.ci'];
const source = /\.(ts|tsx|mts|mjs|cjs|js|css)$|^run$/;
const trackerNumber = /\b(issue|ticket)s?\s*#?\d+\b/i;

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
    return source.test(entry.name) ? [path] : [];
  });
}

describe('the code', () => {
  it('names no tracker issue by its number', () => {
    const found = folders.flatMap(files).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (trackerNumber.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
