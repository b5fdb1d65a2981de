import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, zipSync } from 'fflate';

/**
 * Zip files for head office in JavaScript (fflate), so Windows laptops need no `zip` tool.
 * CSV compresses about 5:1 at level 6.
 */
const level = 6;

/** A zip of in-memory files (the UI path, bounded by the export size limit). */
export function zipInMemory(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { level }]])),
  );
}

/** A zip of files on disk, read and written in chunks: any size, little memory. */
export function zipFilesOnDisk(zipPath: string, files: readonly { name: string; path: string }[]): void {
  const out = openSync(zipPath, 'w');
  try {
    let failure: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) failure = error;
      else writeSync(out, data);
    });
    const buffer = Buffer.allocUnsafe(4 << 20);
    for (const file of files) {
      const entry = new ZipDeflate(file.name, { level });
      zip.add(entry);
      const input = openSync(file.path, 'r');
      try {
        for (;;) {
          const read = readSync(input, buffer, 0, buffer.length, null);
          if (read === 0) break;
          // A copy: fflate may keep a reference to the chunk after push returns.
          entry.push(buffer.subarray(0, read).slice());
        }
        entry.push(new Uint8Array(0), true);
      } finally {
        closeSync(input);
      }
    }
    zip.end();
    if (failure) throw failure;
  } finally {
    closeSync(out);
  }
}
