import { openFieldbook } from '../../db/service';
import { RssSteps } from './floors';
import { benchLookup } from './lookup';
import { seededRandom } from './stats';

/**
 * The app's own process on the bench book, in a child process of its own: the app opens only
 * encrypted books (every book behind the sign-in door is), so this opens the encrypted copy
 * (`argv[2]`, its key in $FIELDBOOK_BENCH_KEY as hex) as the app does, with its job-thread-less
 * connection, and walks a manager's day — lookups, the account page, the statistics page, the
 * upcoming anniversaries — recording RSS after each step. Prints the steps as JSON, last line.
 */
const [path] = process.argv.slice(2);
const key = Buffer.from(process.env['FIELDBOOK_BENCH_KEY'] ?? '', 'hex');
if (!path || key.length !== 32) throw new Error('usage: appProcess.ts BOOK (key in $FIELDBOOK_BENCH_KEY)');

const rss = new RssSteps();
const context = { actor: 'bench' };
const fieldbook = await openFieldbook(path, { key, integrityCheck: 'first-write' });
rss.record('opened');
const to = (fieldbook.db.sqlite.prepare('SELECT max(period) AS p FROM consumption').get() as { p: string }).p;
const call = (name: string, input: unknown) => {
  const result = fieldbook.dispatch(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value;
};
benchLookup(fieldbook, 200, seededRandom(7));
rss.record('lookups');
const ids = fieldbook.db.sqlite
  .prepare('SELECT id FROM accounts ORDER BY rowid LIMIT 200')
  .pluck()
  .all() as string[];
for (const id of ids) call('accounts.detail', { id });
rss.record('account pages');
call('stats.portfolio', { to });
call('stats.coverage', { today: '2026-11-27' });
call('stats.pareto', { to });
call('stats.pareto', { to, by: 'group' });
rss.record('statistics');
call('anniversaries.upcoming', { days: 30 });
call('agenda.list', {});
rss.record('anniversaries and agenda');
fieldbook.close();
console.log(JSON.stringify(rss.steps));
