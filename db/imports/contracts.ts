import type { ImportField } from '../../shared/domain/importFields';
import { parseAmountFen, parseCategory, parseDay, parseYesNo } from '../../shared/domain/importValues';
import type { Db } from '../connection';
import { accountIdsByKey } from '../queries/imports';
import type { Row, RowPatch } from '../tables';
import type { ConsumptionImportOptions } from './consumption';
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
 * A contracts file: one contract per row, found again by its number (what the CSV export
 * writes reads back as it is). An existing contract is the live one with the same number.
 */
export type ContractImportOptions = ConsumptionImportOptions;

export function planContracts(db: Db, rows: readonly string[][], options: ContractImportOptions): ImportPlan {
  const { columns, matchKey, onExisting } = options;
  const column = (field: ImportField) => columns[field] ?? -1;
  const errors = new RowErrors((field) => {
    const index = columns[field];
    return index === undefined ? null : (options.headers[index] ?? null);
  });
  const counts = emptyCounts();
  const actions: ImportAction[] = [];
  const accounts = accountIdsByKey(db, matchKey);
  const existing = new Map<string, Row<'contracts'>[]>();
  for (const row of db.statement('SELECT * FROM contracts WHERE deleted = 0').all() as Row<'contracts'>[])
    existing.set(row.number, [...(existing.get(row.number) ?? []), row]);
  const seen = new Set<string>();

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] ?? [];
    if (isBlank(row)) continue;
    const excelRow = index + 2;
    counts.rows += 1;
    const errorsBefore = errors.total;
    const cell = (field: ImportField) => {
      const at = column(field);
      return at < 0 ? '' : (row[at] ?? '');
    };
    const required = (field: ImportField, text: string, code: Parameters<RowErrors['add']>[2]) =>
      errors.add(excelRow, field, text.trim() === '' ? 'required' : code, text);

    const keyText = cell(matchKey);
    let accountId: string | null = null;
    const key = readAccountKey(matchKey, keyText);
    const found = key === null ? undefined : accounts.get(key);
    if (keyText.trim() === '') errors.add(excelRow, matchKey, 'required', keyText);
    else if (key === null) errors.add(excelRow, matchKey, invalidKeyCode[matchKey], keyText);
    else if (found === undefined) errors.add(excelRow, matchKey, 'unknown_account', keyText);
    else if (found === null) errors.add(excelRow, matchKey, 'ambiguous_account', keyText);
    else accountId = found;

    const numberText = cell('contractNo');
    const numberCell = readTextCell('contracts', 'number', numberText.trim().toUpperCase());
    if (numberText.trim() === '') errors.add(excelRow, 'contractNo', 'required', numberText);
    else if ('code' in numberCell) errors.add(excelRow, 'contractNo', numberCell.code, numberText);
    const number = 'value' in numberCell && numberText.trim() !== '' ? numberCell.value : null;
    const serviceText = cell('category');
    const service = parseCategory(serviceText, options.categoryMap);
    if (service === null) required('category', serviceText, 'invalid_category');
    const startText = cell('startDate');
    const start = parseDay(startText);
    if (start === null) required('startDate', startText, 'invalid_date');
    const endText = cell('endDate');
    const end = parseDay(endText);
    if (end === null) required('endDate', endText, 'invalid_date');
    if (start !== null && end !== null && end < start)
      errors.add(excelRow, 'endDate', 'contract_ends_before_start', endText);
    const valueText = cell('monthlyValue');
    const monthlyFen = valueText.trim() === '' ? 0 : parseAmountFen(valueText);
    if (monthlyFen === null || monthlyFen < 0)
      errors.add(excelRow, 'monthlyValue', 'invalid_amount', valueText);
    const renewText = cell('autoRenew');
    const autoRenew = renewText.trim() === '' ? false : parseYesNo(renewText);
    if (autoRenew === null) errors.add(excelRow, 'autoRenew', 'invalid_yes_no', renewText);
    const notesText = cell('notes');
    const notesCell = readTextCell('contracts', 'notes', notesText);
    if ('code' in notesCell) errors.add(excelRow, 'notes', notesCell.code, notesText.slice(0, 40));

    if (number !== null && seen.has(number)) {
      errors.add(excelRow, 'contractNo', 'duplicate_in_file', number);
      continue;
    }
    if (number !== null) seen.add(number);
    if (errors.total > errorsBefore) continue;
    if (accountId === null || number === null || service === null || start === null || end === null) continue;
    if (monthlyFen === null || autoRenew === null || 'code' in notesCell) continue;

    const values = {
      account_id: accountId,
      number,
      service,
      start_date: start,
      end_date: end,
      monthly_fen: monthlyFen,
      auto_renew: autoRenew ? 1 : 0,
      notes: notesCell.value,
    };
    const same = existing.get(number) ?? [];
    const [contract] = same;
    if (contract === undefined || onExisting === 'create') {
      counts.create += 1;
      actions.push({ type: 'insert', table: 'contracts', values });
    } else if (onExisting === 'skip') {
      counts.skip += 1;
    } else if (same.length > 1) {
      errors.add(excelRow, 'contractNo', 'ambiguous_existing', number);
    } else {
      // The row is the whole contract: mapped columns replace what is stored.
      const patch: RowPatch<'contracts'> = {};
      for (const [name, value] of Object.entries(values) as [keyof typeof values, string | number][]) {
        const optional = { monthly_fen: 'monthlyValue', auto_renew: 'autoRenew', notes: 'notes' } as const;
        const field = name in optional ? optional[name as keyof typeof optional] : null;
        if (field !== null && column(field) < 0) continue;
        if (contract[name] !== value) Object.assign(patch, { [name]: value });
      }
      if (Object.keys(patch).length === 0) counts.unchanged += 1;
      else {
        counts.update += 1;
        actions.push({ type: 'update', table: 'contracts', id: contract.id, patch });
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
    unknownCategories: [],
  };
}
