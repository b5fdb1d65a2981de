import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, vi } from 'vitest';
import type { CliHost } from '../../../db/cli/host';
import { main } from '../../../db/cli/main';
import { jobThreadFromSource } from '../../../db/jobs/fromSource';

/** What one in-process run of `fieldbook` printed, wrote and exited with. */
export interface CliRun {
  readonly code: number;
  /** Lines printed (results, help). */
  readonly out: string;
  /** Raw output (batch results). */
  readonly written: string;
  /** stderr: console.error and process.stderr.write. */
  readonly err: string;
}

/** Runs the CLI in-process, as the built `fieldbook` does, with `stdin` as its input. */
export async function fieldbook(
  args: readonly string[],
  stdin = '',
  host: Partial<CliHost> = {},
): Promise<CliRun> {
  const printed: string[] = [];
  const written: string[] = [];
  const errors: string[] = [];
  const console = vi.spyOn(globalThis.console, 'error').mockImplementation((...parts: unknown[]) => {
    errors.push(parts.join(' '));
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
    errors.push(String(text).replace(/\n$/, ''));
    return true;
  });
  try {
    const code = await main(args, (text) => printed.push(text), {
      version: '9.9.9-test',
      packageRoot: process.cwd(),
      jobThread: jobThreadFromSource,
      stdin: Readable.from([Buffer.from(stdin)]),
      write: (text) => written.push(text),
      ...host,
    });
    return { code, out: printed.join('\n'), written: written.join(''), err: errors.join('\n') };
  } finally {
    console.mockRestore();
    stderr.mockRestore();
  }
}

/** A folder removed after the file's tests. */
export function scratchFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `fieldbook-${name}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The NDJSON results of a batch, parsed. */
export function resultLines(written: string): Record<string, unknown>[] {
  return written
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
