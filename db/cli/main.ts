import { parseCommandLine, UsageError } from './args';
import { defaultHost, type CliHost } from './host';

/**
 * `fieldbook`: the same services as the app, for head office, scripts and benchmarks. Every
 * command takes `--db PATH` and `--json`; bad input exits non-zero with one line on stderr.
 * Exit status: 0 done, 1 refused, 2 bad usage, 3 a dry run found rows with errors.
 *
 * This module loads nothing but the argument parser: `--version` answers at once, and the
 * services (./run.ts, the whole back end) load only for a command that needs them.
 */
export async function main(
  argv: readonly string[],
  print = (text: string) => console.log(text),
  host: Partial<CliHost> = {},
): Promise<number> {
  let line;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`fieldbook: ${error.message} (fieldbook --help lists the commands and options)`);
    return 2;
  }
  const resolved = defaultHost(host);
  if (line.flags.version) {
    print(line.flags.json ? JSON.stringify({ version: resolved.version }) : `fieldbook ${resolved.version}`);
    return 0;
  }
  const { runCommandLine } = await import('./run');
  return runCommandLine(line, print, resolved);
}
