import type { ImportField, ImportMatchKey, ImportOnExisting } from '../../shared/domain/importFields';
import {
  categoryKey,
  parseAmountFen,
  parseCategory,
  parsePeriod,
  parseQuantity,
} from '../../shared/domain/importValues';
import type { ImportCategoryMap, ImportUnknownCategory } from '../../shared/types';
import type { Db } from '../connection';
import { accountIdsByKey, existingBills } from '../queries/imports';
import type { RowPatch } from '../tables';
import { isBlank } from './readCsv';
import {
  emptyCounts,
  invalidKeyCode,
  readAccountKey,
  readTextCell,
  RowErrors,
  type ImportAction,
  type ImportPlan,
} from './plan';

/**
 * A consumption file: one bill line per row (account, month, category, amount). Rows are read
 * with plain functions, not zod: a file has hundreds of thousands of them (about 10 µs each is
 * the budget). An existing bill is one live row of the same account, month and category.
 */
export interface ConsumptionImportOptions {
  readonly matchKey: ImportMatchKey;
  readonly onExisting: ImportOnExisting;
  readonly columns: Partial<Record<ImportField, number>>;
  readonly headers: readonly string[];
  /** The file's own service names read as categories (keyed by `categoryKey`). */
  readonly categoryMap: ImportCategoryMap;
}

/** How many unknown service names a preview lists. */
const listedUnknownNames = 50;

/** The service names a file uses that Fieldbook does not know by itself, with their rows. */
class UnknownNames {
  private readonly byKey = new Map<string, { name: string; key: string; rows: number }>();

  count(name: string): void {
    const key = categoryKey(name);
    const known = this.byKey.get(key);
    if (known) known.rows += 1;
    else this.byKey.set(key, { name: name.trim(), key, rows: 1 });
  }

  /** Most used first. */
  list(): ImportUnknownCategory[] {
    return [...this.byKey.values()].sort((a, b) => b.rows - a.rows).slice(0, listedUnknownNames);
  }
}

export function planConsumption(
  db: Db,
  rows: readonly string[][],
  options: ConsumptionImportOptions,
): ImportPlan {
  const { columns, matchKey, onExisting } = options;
  const column = (field: ImportField) => columns[field] ?? -1;
  const keyColumn = column(matchKey);
  const periodColumn = column('period');
  const categoryColumn = column('category');
  const amountColumn = column('amount');
  const quantityColumn = column('quantity');
  const noteColumn = column('note');
  const errors = new RowErrors((field) => {
    const index = columns[field];
    return index === undefined ? null : (options.headers[index] ?? null);
  });
  const counts = emptyCounts();
  const actions: ImportAction[] = [];
  const accounts = accountIdsByKey(db, matchKey);
  // The existing bills of every account and month the file names, read in one statement.
  const months = new Set<string>();
  for (const row of rows) {
    const key = readAccountKey(matchKey, row[keyColumn] ?? '');
    const accountId = key === null ? undefined : accounts.get(key);
    const period = parsePeriod(row[periodColumn] ?? '');
    if (accountId && period) months.add(`${accountId}|${period}`);
  }
  const sameBill = existingBills(db, months);
  const seen = new Set<string>();
  const unknownNames = new UnknownNames();

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] ?? [];
    if (isBlank(row)) continue;
    const excelRow = index + 2;
    counts.rows += 1;
    const errorsBefore = errors.total;
    const cell = (at: number) => (at < 0 ? '' : (row[at] ?? ''));

    const keyText = cell(keyColumn);
    let accountId: string | null = null;
    if (keyText.trim() === '') errors.add(excelRow, matchKey, 'required', keyText);
    else {
      const key = readAccountKey(matchKey, keyText);
      const found = key === null ? undefined : accounts.get(key);
      if (key === null) errors.add(excelRow, matchKey, invalidKeyCode[matchKey], keyText);
      else if (found === undefined) errors.add(excelRow, matchKey, 'unknown_account', keyText);
      else if (found === null) errors.add(excelRow, matchKey, 'ambiguous_account', keyText);
      else accountId = found;
    }
    const periodText = cell(periodColumn);
    const period = parsePeriod(periodText);
    if (period === null)
      errors.add(excelRow, 'period', periodText.trim() === '' ? 'required' : 'invalid_period', periodText);
    const categoryText = cell(categoryColumn);
    let category = parseCategory(categoryText);
    if (category === null && categoryText.trim() !== '') {
      unknownNames.count(categoryText);
      category = parseCategory(categoryText, options.categoryMap);
    }
    if (category === null)
      errors.add(
        excelRow,
        'category',
        categoryText.trim() === '' ? 'required' : 'invalid_category',
        categoryText,
      );
    const amountText = cell(amountColumn);
    const amountFen = parseAmountFen(amountText);
    if (amountFen === null)
      errors.add(excelRow, 'amount', amountText.trim() === '' ? 'required' : 'invalid_amount', amountText);
    const quantityText = cell(quantityColumn).trim();
    const quantity = quantityText === '' ? null : parseQuantity(quantityText);
    if (quantityText !== '' && quantity === null)
      errors.add(excelRow, 'quantity', 'invalid_quantity', quantityText);
    const noteText = cell(noteColumn);
    const noteCell = readTextCell('consumption', 'note', noteText);
    if ('code' in noteCell) errors.add(excelRow, 'note', noteCell.code, noteText.slice(0, 40));
    const note = 'value' in noteCell ? noteCell.value : '';

    if (accountId === null || period === null || category === null || amountFen === null) continue;
    const billKey = `${accountId}|${period}|${category}`;
    if (seen.has(billKey)) {
      errors.add(excelRow, null, 'duplicate_in_file', `${keyText.trim()} ${period} ${category}`);
      continue;
    }
    seen.add(billKey);
    if (errors.total > errorsBefore) continue;

    const existing = sameBill.get(`${accountId}|${period}|${category}`) ?? [];
    const [bill] = existing;
    if (bill === undefined || onExisting === 'create') {
      counts.create += 1;
      actions.push({
        type: 'insert',
        table: 'consumption',
        values: {
          account_id: accountId,
          period,
          category,
          amount_fen: amountFen,
          quantity,
          source: 'import',
          note,
        },
      });
    } else if (onExisting === 'skip') {
      counts.skip += 1;
    } else if (existing.length > 1) {
      errors.add(excelRow, null, 'ambiguous_existing', `${keyText.trim()} ${period} ${category}`);
    } else {
      // The file's line is the whole bill: mapped columns replace what is stored, blanks included.
      const patch: RowPatch<'consumption'> = {};
      if (bill.amount_fen !== amountFen) patch.amount_fen = amountFen;
      if (quantityColumn >= 0 && bill.quantity !== quantity) patch.quantity = quantity;
      if (noteColumn >= 0 && bill.note !== note) patch.note = note;
      if (Object.keys(patch).length === 0) counts.unchanged += 1;
      else {
        counts.update += 1;
        actions.push({ type: 'update', table: 'consumption', id: bill.id, patch });
      }
    }
  }
  counts.errors = errors.rows;
  return {
    counts,
    errors: errors.list,
    errorTotal: errors.total,
    actions,
    rejected: errors.byRow,
    unknownCategories: unknownNames.list(),
  };
}
