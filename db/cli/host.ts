import type { Readable } from 'node:stream';

/**
 * What the process running the CLI provides: the built `fieldbook` (build/fieldbook.mjs), the
 * TypeScript entry (./bin.ts) and tests each pass their own. Nothing here loads the services.
 */
export interface CliHost {
  /** Fieldbook's version (package.json). */
  readonly version: string;
  /** The folder of Fieldbook's package.json and node_modules (`doctor` reads the driver's version there). */
  readonly packageRoot: string;
  /**
   * The job thread script `doctor` starts, as the app would (the CLI itself runs everything on
   * its own thread); null when there is none to start.
   */
  readonly jobThread: string | URL | null;
  /** Where `call -` and `call --batch` read their input. */
  readonly stdin: Readable;
  /** Output as it is, no line end added (batch results). */
  readonly write: (text: string) => void;
}

export function defaultHost(overrides: Partial<CliHost> = {}): CliHost {
  return {
    version: 'unknown',
    packageRoot: process.cwd(),
    jobThread: null,
    stdin: process.stdin,
    write: (text) => void process.stdout.write(text),
    ...overrides,
  };
}
