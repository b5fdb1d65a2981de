import { accountKindLabels, categoryLabels, tierLabels, type Labels } from '../labels';
import type { AccountKind } from './nameSearch';
import { parseYuan } from './money';

/**
 * Cell values of imported CSV files, read the way billing systems and Excel write them. Each
 * reader returns `null` for text it cannot read; callers report that as a row error.
 * Called once per cell on files of hundreds of thousands of rows: no allocation-heavy work on
 * the common (ASCII) path.
 */
type ConsumptionCategoryKey =
  'voice' | 'data' | 'broadband' | 'leased_line' | 'cloud' | 'idc' | 'iot' | 'sms' | 'other';
type TierKey = 'strategic' | 'partner' | 'commercial' | 'general';

/** Full-width digits and signs (typed in a Chinese IME) as ASCII; ASCII text as is. */
function ascii(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.trim() : text.normalize('NFKC').trim();
}

// After `.` the month has two digits: Excel turns a typed 2026.10 into the number 2026.1.
const periodPattern =
  /^(20\d{2})\s*(?:(?:[-/年]\s*(\d{1,2})|\.\s*(\d{2}))\s*月?(?:[-/.](?:0?1)(?:\s.*)?)?|(\d{2}))$/;

/**
 * A billing month: `2026-10`, `202610`, `2026/10`, `2026.10`, `2026年10月`, and Excel's date
 * form of a month (`2026/10/1`, `2026-10-01 00:00:00`). Returns `YYYY-MM`. `2026.1` is refused:
 * it is what Excel makes of 2026.10, so it cannot be read as January (`2026.01` is).
 */
export function parsePeriod(text: string): string | null {
  const match = periodPattern.exec(ascii(text));
  if (!match) return null;
  const month = Number(match[2] ?? match[3] ?? match[4]);
  if (!(month >= 1 && month <= 12)) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/**
 * Each key, and its names in every language as the app shows and exports them (`shared/labels`),
 * compared as `categoryKey` compares: a file the app exported reads back.
 */
function ownNames<K extends string>(labels: Labels<K>): [string, K][] {
  return (Object.entries(labels) as [K, Labels<K>[K]][]).flatMap(([key, texts]) => [
    [key, key],
    ...Object.values(texts).map((name): [string, K] => [ascii(name).toLowerCase(), key]),
  ]);
}

const categoryNames = new Map<string, ConsumptionCategoryKey>([
  ...ownNames(categoryLabels),
  ['leased line', 'leased_line'],
  ['语音', 'voice'],
  ['话音', 'voice'],
  ['数据', 'data'],
  ['流量', 'data'],
  ['宽带', 'broadband'],
  ['专线', 'leased_line'],
  ['云', 'cloud'],
  ['云服务', 'cloud'],
  ['物联网', 'iot'],
  ['短信', 'sms'],
  ['其他', 'other'],
  ['其它', 'other'],
]);

/**
 * A service name as compared: full-width folded, trimmed, lower case. Names a user maps to a
 * category (`categoryMap`) are keyed by this form, so `云计算` and ` 云计算 ` are one name.
 */
export function categoryKey(text: string): string {
  return ascii(text).toLowerCase();
}

/**
 * A consumption category by its key (`leased_line`) or Chinese name (专线, 流量, 云…), else by
 * the file's own names as the user mapped them (`categoryMap`, keyed by `categoryKey`). The
 * categories are a fixed set across the product (statistics, sync, exports): a name can be
 * read as one of them, never add one.
 */
export function parseCategory(
  text: string,
  categoryMap?: Readonly<Partial<Record<string, ConsumptionCategoryKey>>>,
): ConsumptionCategoryKey | null {
  const key = categoryKey(text);
  return (
    categoryNames.get(key) ??
    (categoryMap && Object.hasOwn(categoryMap, key) ? categoryMap[key] : null) ??
    null
  );
}

/** Whether the name is one Fieldbook knows by itself (no mapping needed). */
export function isKnownCategoryName(text: string): boolean {
  return categoryNames.has(categoryKey(text));
}

const kindNames = new Map<string, AccountKind>([
  ...ownNames(accountKindLabels),
  ['org', 'organization'],
  ['company', 'organization'],
  ['企业', 'organization'],
  ['公司', 'organization'],
  ['单位', 'organization'],
  ['集团', 'organization'],
  ['person', 'person'],
  ['individual', 'person'],
  ['个人', 'person'],
]);

export function parseAccountKind(text: string): AccountKind | null {
  return kindNames.get(ascii(text).toLowerCase()) ?? null;
}

const tierNames = new Map<string, TierKey>([
  ...ownNames(tierLabels),
  ['战略客户', 'strategic'],
  ['战略', 'strategic'],
  ['伙伴客户', 'partner'],
  ['伙伴', 'partner'],
  ['合作伙伴', 'partner'],
  ['商业客户', 'commercial'],
  ['商业', 'commercial'],
  ['一般价值客户', 'general'],
  ['一般客户', 'general'],
  ['一般', 'general'],
]);

/** A tier by key or Chinese name (战略客户, 伙伴, 一般价值客户…). */
export function parseTier(text: string): TierKey | null {
  return tierNames.get(ascii(text).toLowerCase()) ?? null;
}

/** Yuan as billing exports write it (`1,234.56`, `¥1234.5`, `88元`) → integer fen. */
export function parseAmountFen(text: string): number | null {
  const plain = ascii(text);
  return parseYuan(plain.endsWith('元') ? plain.slice(0, -1) : plain);
}

const quantityPattern = /^(?:\d{1,15}|\d{1,3}(?:,\d{3}){1,4})(?:\.\d{1,6})?$/;

/** A usage quantity (minutes, GB, lines): a non-negative number, thousands separators allowed. */
export function parseQuantity(text: string): number | null {
  const plain = ascii(text);
  return quantityPattern.test(plain) ? Number(plain.replace(/,/g, '')) : null;
}

const dayPattern = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A day as spreadsheets write it (`2026-10-01`, `2026/10/1`, `2026年10月1日`) → `YYYY-MM-DD`. */
export function parseDay(text: string): string | null {
  const match = dayPattern.exec(ascii(text));
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

const yesNo = new Map<string, boolean>([
  ['是', true],
  ['否', false],
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
]);

/** Yes or no as people write it (是/否, Yes/No, 1/0) → a boolean; empty text → null. */
export function parseYesNo(text: string): boolean | null {
  return yesNo.get(ascii(text).toLowerCase()) ?? null;
}
