import { readFileSync } from 'node:fs';
import { UsageError } from './args';
import { unwrap } from './everyday';
import type { CommandContext } from './run';

/** `fieldbook call OPERATION [JSON|-]`: one operation of the API, its value printed as JSON. */
export function runCall(context: CommandContext, args: readonly string[]): number {
  const [operation, input, ...extra] = args;
  if (operation === undefined || extra.length > 0)
    throw new UsageError('usage: fieldbook call OPERATION [JSON|-]  (or: fieldbook call --batch < FILE)');
  const text = input === '-' ? readFileSync(0, 'utf8') : (input ?? '{}');
  const value = unwrap(context.fieldbook.dispatch(operation, parseJson(text), context.request));
  context.print(JSON.stringify(value, null, 2));
  return 0;
}

/** JSON text as a value; text that is not JSON is a usage error quoting its start. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new UsageError(`the input is not valid JSON${reason}: ${text.slice(0, 60)}`);
  }
}
