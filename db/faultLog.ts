import { appendFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError } from '../shared/errors';

/**
 * Where stacks go: a text file beside the book, never the user's screen or the CLI's stderr.
 * Support asks for this file when a user reports "Something went wrong". Written synchronously
 * (faults are rare, and an entry must survive the process ending right after), capped in size,
 * and never a reason for an operation to fail: a read-only folder or a full disk just loses the
 * line. The app, the CLI and the job thread may all append to it; appends of one entry each do
 * not interleave.
 */
export type FaultLog = (where: string, error: unknown) => void;

export const faultLogFileName = 'fieldbook.log';

/** The log beside a book: the data folder for the app, the book's folder for the CLI. */
export function faultLogBeside(bookPath: string): string {
  return join(dirname(bookPath), faultLogFileName);
}

/** 1 MiB holds a few thousand entries; the previous one is kept as `fieldbook.log.1`. */
const defaultMaxBytes = 1024 * 1024;

function describe(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && !seen.has(current);) {
    seen.add(current);
    if (current instanceof Error) {
      const code = 'code' in current && typeof current.code === 'string' ? ` [${current.code}]` : '';
      lines.push(`${lines.length > 0 ? 'caused by: ' : ''}${current.stack ?? current.message}${code}`);
      current = current.cause;
    } else {
      lines.push(String(current));
      current = undefined;
    }
  }
  return lines.join('\n');
}

export function createFaultLog(file: string, maxBytes = defaultMaxBytes): FaultLog {
  return (where, error) => {
    const code = error instanceof ApiError ? ` ${error.code}` : '';
    const entry = `${new Date().toISOString()} [${where}]${code} ${describe(error)}\n`;
    try {
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        // No log yet.
      }
      if (size > 0 && size + Buffer.byteLength(entry) > maxBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, entry, { mode: 0o600 });
    } catch {
      // The log is a convenience for support: losing a line must never fail what was asked.
    }
  };
}
