import { StringDecoder } from 'node:string_decoder';
import { isOperationName } from '../../shared/api';
import { ApiError, type ApiErrorData, type ApiResult } from '../../shared/errors';
import { holdsWriteLock } from '../dispatch';
import { settleFirstWrite } from '../write';
import { describeError } from './format';
import type { CommandContext } from './run';

/**
 * `fieldbook call --batch [--atomic]`: many operations in one process, as NDJSON.
 *
 * In, one operation per line: `{"op":"visits.create","input":{…},"id":"v1"}` — `input` as for
 * `call` (default `{}`), `id` an optional name for the result. A later line may use an earlier
 * result: `{"$ref":"a1.id"}` anywhere in its input stands for the `id` field of the result named
 * `a1` (`{"$ref":"a1"}`: the whole result). Blank lines are skipped.
 *
 * Out, one line per operation, in order: `{"line":3,"id":"v1","ok":true,"value":…}` or
 * `{"line":3,"ok":false,"error":{"code":…,"message":…}}` (a line that is not such an operation
 * is refused the same way, with VALIDATION_FAILED). Each operation commits on its own, as if run
 * by `call`; results are written as each chunk of input has run, so a script may also feed
 * lines one at a time and read each answer. Exit 0 when every operation succeeded, else 1.
 *
 * `--atomic`: the whole input runs in one transaction, after it has all been read. The first
 * refusal rolls everything back: the output is then that one line (with `"rolledBack":true`),
 * exit 1. Otherwise every result, exit 0.
 */
interface Operation {
  readonly line: number;
  readonly op: string;
  readonly input: unknown;
  readonly id: string | undefined;
}

type Outcome = { readonly line: number; readonly id?: string } & (
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ApiErrorData }
);

const lineKeys = ['op', 'input', 'id'];

export async function runBatch(context: CommandContext): Promise<number> {
  const runner = createRunner(context);
  if (context.line.flags.atomic) return runAtomic(context, runner, await readAll(context));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNumber = 0;
  const runText = (text: string) => {
    const lines = text.split('\n');
    let out = '';
    for (const line of lines) {
      lineNumber += 1;
      const outcome = runner.run(parseLine(line, lineNumber));
      if (outcome !== null) out += `${JSON.stringify(outcome)}\n`;
    }
    if (out !== '') context.host.write(out);
  };
  for await (const chunk of context.host.stdin) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const end = text.lastIndexOf('\n');
    pending = text.slice(end + 1);
    if (end >= 0) runText(text.slice(0, end));
  }
  pending += decoder.end();
  if (pending.trim() !== '') runText(pending);
  return runner.report();
}

function runAtomic(context: CommandContext, runner: Runner, lines: readonly string[]): number {
  const parsed = lines.map((text, index) => parseLine(text, index + 1));
  const { fieldbook } = context;
  const writes = parsed.some(
    (entry) => entry !== null && 'op' in entry && isOperationName(entry.op) && holdsWriteLock(entry.op),
  );
  // A book that takes no writes: nothing could be written, so no transaction is needed; the
  // first write is refused (READ_ONLY, DB_CORRUPT) and ends the batch like any refusal.
  const transactional = writes && fieldbook.storage().writable;
  if (transactional) settleFirstWrite(fieldbook.db);
  const results: Outcome[] = [];
  const outcome = { refused: null as Outcome | null };
  const runAll = () => {
    for (const entry of parsed) {
      const result = runner.run(entry);
      if (result === null) continue;
      if (!result.ok) {
        outcome.refused = result;
        throw rolledBack;
      }
      results.push(result);
    }
  };
  try {
    if (transactional) fieldbook.db.transaction(runAll);
    else runAll();
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
  const { refused } = outcome;
  if (refused === null) {
    context.host.write(results.map((result) => `${JSON.stringify(result)}\n`).join(''));
    return 0;
  }
  context.host.write(`${JSON.stringify({ ...refused, rolledBack: true })}\n`);
  const code = refused.ok ? '' : ` (${refused.error.code})`;
  console.error(
    `fieldbook: line ${refused.line} was refused${code}; nothing was written (--atomic): the ${results.length} operations before it were rolled back`,
  );
  return 1;
}

const rolledBack = Symbol('rolled back');

interface Runner {
  run(entry: Operation | Outcome | null): Outcome | null;
  /** The exit status; a line on stderr when some operations were refused. */
  report(): number;
}

function createRunner(context: CommandContext): Runner {
  const named = new Map<string, unknown>();
  let count = 0;
  let failures = 0;
  const requestContext = context.request;
  return {
    run(entry) {
      if (entry === null) return null;
      count += 1;
      const outcome = 'op' in entry ? execute(entry) : entry;
      if (!outcome.ok) failures += 1;
      return outcome;
    },
    report() {
      if (failures > 0) console.error(`fieldbook: ${failures} of ${count} operations were refused`);
      return failures > 0 ? 1 : 0;
    },
  };

  function execute(operation: Operation): Outcome {
    const { line, id } = operation;
    const tag = id === undefined ? {} : { id };
    if (id !== undefined && named.has(id))
      return { line, ...tag, ok: false, error: invalid(`the id "${id}" names an earlier result already`) };
    let input: unknown;
    try {
      input = resolveReferences(operation.input, named);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { line, ...tag, ok: false, error: error.toData() };
    }
    const result: ApiResult<unknown> = context.fieldbook.dispatch(operation.op, input, requestContext);
    if (!result.ok)
      return { line, ...tag, ok: false, error: { ...result.error, message: describeError(result.error) } };
    if (id !== undefined) named.set(id, result.value);
    return { line, ...tag, ok: true, value: result.value };
  }
}

/** One input line: an operation, a refusal of a line that is none, or null for a blank line. */
function parseLine(text: string, line: number): Operation | Outcome | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { line, ok: false, error: invalid(`line ${line} is not JSON (${reason})`) };
  }
  if (!isRecord(value) || typeof value['op'] !== 'string')
    return { line, ok: false, error: invalid(`line ${line} is no {"op":…,"input":…} object`) };
  const unknown = Object.keys(value).filter((key) => !lineKeys.includes(key));
  const id = value['id'];
  if (unknown.length > 0)
    return {
      line,
      ok: false,
      error: invalid(`unknown key '${unknown.join("', '")}' on line ${line} (a line takes op, input, id)`),
    };
  if (id !== undefined && typeof id !== 'string')
    return { line, ok: false, error: invalid(`the id on line ${line} must be a string`) };
  return { line, op: value['op'], input: value['input'] ?? {}, id };
}

/** `{"$ref":"name.path"}` anywhere in `value` → that part of the result named `name`. */
function resolveReferences(value: unknown, named: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, named));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$ref') {
    const reference = value['$ref'];
    if (typeof reference !== 'string') throw new ApiError('VALIDATION_FAILED', '$ref takes "name.path"');
    const [name = '', ...path] = reference.split('.');
    if (!named.has(name))
      throw new ApiError('VALIDATION_FAILED', `$ref "${reference}": no earlier result is named "${name}"`);
    let found: unknown = named.get(name);
    for (const key of path) {
      if (!isRecord(found) && !Array.isArray(found))
        throw new ApiError('VALIDATION_FAILED', `$ref "${reference}": "${name}" has no ${path.join('.')}`);
      found = (found as Record<string, unknown>)[key];
    }
    if (found === undefined)
      throw new ApiError('VALIDATION_FAILED', `$ref "${reference}": "${name}" has no ${path.join('.')}`);
    return found;
  }
  return Object.fromEntries(keys.map((key) => [key, resolveReferences(value[key], named)]));
}

async function readAll(context: CommandContext): Promise<string[]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of context.host.stdin)
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  text += decoder.end();
  return text.split('\n');
}

function invalid(message: string): ApiErrorData {
  return new ApiError('VALIDATION_FAILED', message).toData();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
