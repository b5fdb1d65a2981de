// Shared by the build scripts: where the project is, and how a script reports failure.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Whether the module at `url` is the script node was started with, not an import. */
export const isMain = (url) => resolve(process.argv[1] ?? '') === fileURLToPath(url);

/** The first line of an error, for one-line messages (tool output can run to pages). */
export function firstLine(error, maxLength = Infinity) {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n').find((part) => part.trim() !== '') ?? text).trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/** Prints `script: message` on one line and exits 1. */
export function fail(script, message) {
  console.error(`${script}: ${message}`);
  process.exit(1);
}
