import type { RequestContext } from '../../shared/types';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { AccountDetail, AnniversaryWindow, LookupResult } from '../../shared/types';
import { writeRefusal, type Fieldbook } from '../service';
import { seedDatabase } from '../seed';
import { UsageError, wholeNumber } from './args';
import { formatAnniversaries, formatDetail, formatLookup } from './format';
import type { CommandContext } from './run';

/** `seed`, `lookup`, `accounts show` and `anniversaries …`: the book's everyday questions. */
export function runEveryday(context: CommandContext, name: string, args: readonly string[]): void {
  const { fieldbook, line, show } = context;
  const { flags } = line;
  const call = <T>(operation: string, input: unknown) =>
    unwrap<T>(fieldbook.dispatch(operation, input, context.request));
  switch (name) {
    case 'seed': {
      if (args.length > 0) throw new UsageError('seed takes no arguments, only --accounts N and --seed S');
      const refused = writeRefusal(fieldbook.storage());
      if (refused) throw refused;
      // Demo data is written past the dispatcher: on a book with users, an administrator's only.
      const { user } = context.request;
      if (user && user.role !== 'admin') throw new ApiError('FORBIDDEN', 'seed is for an administrator');
      const summary = seedDatabase(fieldbook.db, {
        accounts: wholeNumber(flags.accounts, 'accounts', 1000),
        seed: wholeNumber(flags.seed, 'seed', 1),
        actor: context.request.actor,
        ...(flags.json ? {} : { onProgress: reportProgress }),
      });
      if (!flags.json) process.stderr.write('\n');
      show(summary, () => `Seeded ${fieldbook.db.path}:\n${JSON.stringify(summary, null, 2)}`);
      return;
    }
    case 'lookup': {
      const query = args.join(' ');
      if (query.trim() === '') throw new UsageError('lookup needs a query, e.g. fieldbook lookup 8000');
      const limit = wholeNumber(flags.limit, 'limit', 20);
      const result = call<LookupResult>('lookup.search', { query, limit });
      show(result, () => formatLookup(result));
      return;
    }
    case 'accounts': {
      const [, reference, ...extra] = args;
      if (reference === undefined || extra.length > 0)
        throw new UsageError('usage: fieldbook accounts show ID|NUMBER');
      const id = resolveAccount(fieldbook, reference, context.request);
      const detail = call<AccountDetail>('accounts.detail', { id });
      show(detail, () => formatDetail(detail));
      return;
    }
    case 'anniversaries': {
      const [verb, date, ...extra] = args;
      const filters = {
        limit: wholeNumber(flags.limit, 'limit', 200),
        ...(flags.owner !== undefined ? { owner: flags.owner } : {}),
        ...(flags.tier !== undefined ? { tiers: flags.tier } : {}),
      };
      let window: AnniversaryWindow;
      if (verb === 'upcoming' && date === undefined) {
        const from = flags.from === undefined ? {} : { from: flags.from };
        const days = wholeNumber(flags.days, 'days', 30);
        window = call<AnniversaryWindow>('anniversaries.upcoming', { ...from, days, ...filters });
      } else if (verb === 'on' && date !== undefined && extra.length === 0) {
        window = call<AnniversaryWindow>('anniversaries.onDate', { date, ...filters });
      } else {
        throw new UsageError(
          'usage: fieldbook anniversaries upcoming [--from YYYY-MM-DD] [--days N] | anniversaries on YYYY-MM-DD',
        );
      }
      show(window, () => formatAnniversaries(window));
      return;
    }
    default:
      // ./commands.ts has refused unknown commands before the book opened.
      throw new UsageError(`unknown command "${name}"`);
  }
}

/** An account's id from its id or its customer number (any case). */
export function resolveAccount(fieldbook: Fieldbook, reference: string, request: RequestContext): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(reference)) return reference.toLowerCase();
  const account = unwrap(fieldbook.dispatch('accounts.findByNumber', { customerNo: reference }, request));
  if (account === null || typeof account !== 'object' || !('id' in account)) {
    throw new ApiError('NOT_FOUND', `No account with number ${reference}`);
  }
  return String(account.id);
}

export function unwrap<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value as T;
}

function reportProgress(progress: { phase: string; done: number; total: number }): void {
  process.stderr.write(`\r${progress.phase}: ${progress.done}/${progress.total}    `);
}
