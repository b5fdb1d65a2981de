import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the renderer with the project's Vite config into a fresh temporary folder, so a run
 * never serves a stale `dist/` and two runs in one checkout never overwrite each other.
 * Resolves to the folder and a function that removes it.
 */
export async function buildRenderer(): Promise<{ directory: string; remove: () => void }> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-renderer-'));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  try {
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      build: { outDir: directory, emptyOutDir: true },
      logLevel: 'warn',
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { directory, remove };
}
