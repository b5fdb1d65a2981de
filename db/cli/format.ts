import { formatPhone } from '../../shared/domain/phone';
import { formatYuan } from '../../shared/domain/money';
import { lunarDayName, lunarMonthName } from '../../shared/domain/lunarNames';
import type { ApiErrorData, FieldIssue } from '../../shared/errors';
import type {
  AccountDetail,
  AnniversaryRecord,
  AnniversaryWindow,
  LookupHit,
  LookupResult,
} from '../../shared/types';

/** Plain-text renderings for the terminal; `--json` prints the API values instead. */

/**
 * A refusal or a fault on one line (`DB_BUSY: the book is locked…`): scripts grep the code. Invalid
 * input names every problem (the first few), a misspelt key first: `{"q":"zgf"}` is "unknown key
 * 'q'" before it is "query missing".
 */
export function formatError(error: ApiErrorData): string {
  return `${error.code}: ${describeError(error)}`;
}

/** The message of `formatError`, without the code (batch results carry the code apart). */
export function describeError(error: ApiErrorData): string {
  const issues = error.code === 'VALIDATION_FAILED' ? (error.issues ?? []) : [];
  if (issues.length > 0) {
    const operation = /^Invalid input for (\S+?):/.exec(error.message)?.[1];
    const ordered = [
      ...issues.filter((issue) => issue.code === 'unrecognized_keys'),
      ...issues.filter((issue) => issue.code !== 'unrecognized_keys'),
    ];
    const shown = ordered.slice(0, maxIssues).map(issueText);
    const more = ordered.length > maxIssues ? `; … ${ordered.length - maxIssues} more` : '';
    return `Invalid input${operation ? ` for ${operation}` : ''}: ${shown.join('; ')}${more}`;
  }
  return error.message.replace(/\s*\n\s*/g, ' ');
}

const maxIssues = 5;

function issueText(issue: FieldIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    // Zod names them in its message: Unrecognized keys: "q", "r".
    const keys = [...issue.message.matchAll(/"([^"]*)"/g)].map((match) => `'${match[1] ?? ''}'`);
    if (keys.length > 0) return `${where}unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
  }
  return `${where}${issue.message.replace(/\s*\n\s*/g, ' ')}`;
}

function highlight(hit: LookupHit): string {
  return `${hit.text.slice(0, hit.start)}[${hit.text.slice(hit.start, hit.end)}]${hit.text.slice(hit.end)}`;
}

export function formatLookup(result: LookupResult): string {
  if (result.hits.length === 0) return `No account matches "${result.query}".`;
  const lines = result.hits.map((hit) => {
    const account = hit.account;
    const archived = account.status === 'archived' ? ' (archived)' : '';
    const matched = hit.field === 'name' ? '' : `  ${hit.field} ${hit.match}: ${highlight(hit)}`;
    const name = hit.field === 'name' ? highlight(hit) : account.name;
    return `${account.customerNo.padEnd(14)} ${name}${archived}  [${account.kind}, ${account.tier}, ${account.owner}]${matched}`;
  });
  return [`${result.hits.length} match(es) for "${result.query}" (read as ${result.kind}):`, ...lines].join(
    '\n',
  );
}

export function formatDetail(detail: AccountDetail): string {
  const a = detail.account;
  const lines = [
    `${a.name}  ${a.customerNo}  ${a.kind}, ${a.tier}, ${a.status}`,
    `  owner ${a.owner || '-'}  region ${a.region || '-'}  industry ${a.industry || '-'}`,
  ];
  if (a.creditCode) lines.push(`  credit code ${a.creditCode}`);
  if (a.address) lines.push(`  address ${a.address} ${a.postcode}`);
  if (a.notes) lines.push(`  notes ${a.notes}`);
  lines.push(`Phones (${detail.phones.length}):`);
  for (const phone of detail.phones)
    lines.push(`  ${formatPhone(phone.number)}  ${phone.label} ${phone.note}`.trimEnd());
  lines.push(`Relationships (${detail.relationships.length}):`);
  for (const r of detail.relationships) {
    const arrow = r.direction === 'out' ? '→' : '←';
    lines.push(`  ${r.type} ${arrow} ${r.other.name} (${r.other.customerNo}) ${r.role}`.trimEnd());
  }
  if (detail.group.length > 0) {
    lines.push(`Customer group (${detail.group.length} companies):`);
    for (const node of detail.group.slice(0, 30))
      lines.push(`  ${'  '.repeat(node.depth)}${node.account.name}`);
  }
  const c = detail.consumption;
  lines.push(
    `Consumption: last 12 months ${formatYuan(c.last12MonthsFen)}, previous 12 ${formatYuan(c.previous12MonthsFen)}, lifetime ${formatYuan(c.lifetimeFen)}`,
  );
  for (const category of c.byCategory)
    lines.push(`  ${category.category.padEnd(12)} ${formatYuan(category.amountFen)}`);
  lines.push(`Visits (${detail.visitCount}, latest ${detail.visits.length}):`);
  for (const visit of detail.visits.slice(0, 10)) {
    lines.push(
      `  ${visit.occurredAt.slice(0, 16).replace('T', ' ')}  ${visit.kind.padEnd(10)} ${visit.content}`,
    );
  }
  lines.push(`Anniversaries (${detail.anniversaries.length}):`);
  for (const anniversary of detail.anniversaries) {
    const leap = anniversary.leapMonth ? '闰' : '';
    const year = anniversary.year === null ? '' : `${anniversary.year}-`;
    lines.push(
      `  ${anniversary.kind} ${anniversary.calendar} ${year}${leap}${anniversary.month}-${anniversary.day} ${anniversary.label}`.trimEnd(),
    );
  }
  return lines.join('\n');
}

function ruleText(anniversary: AnniversaryRecord): string {
  if (anniversary.calendar === 'lunar') {
    return `农历${lunarMonthName(anniversary.month, anniversary.leapMonth)}${lunarDayName(anniversary.day)}`;
  }
  return `${anniversary.month}-${anniversary.day}`;
}

export function formatAnniversaries(window: AnniversaryWindow): string {
  const range = window.from === window.to ? window.from : `${window.from} … ${window.to}`;
  if (window.total === 0) return `No anniversaries ${range}.`;
  const lines = window.rows.map((row) => {
    const years = row.years === null ? '' : ` (${row.years}${row.milestone ? ', milestone' : ''})`;
    const days = row.daysLeft === 0 ? 'today' : `in ${row.daysLeft} d`;
    const what = row.anniversary.kind === 'custom' ? row.anniversary.label : row.anniversary.kind;
    return `${row.date}  ${days.padEnd(9)} ${row.account.name}  [${row.account.tier}, ${row.account.owner}]  ${what} ${ruleText(row.anniversary)}${years}`;
  });
  const more = window.total > window.rows.length ? [`… and ${window.total - window.rows.length} more`] : [];
  return [`${window.total} anniversaries ${range}:`, ...lines, ...more].join('\n');
}
