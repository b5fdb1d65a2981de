import type { TFunction } from 'i18next';
import { toCsv, type CsvColumn } from '../../../shared/domain/csv';
import type { HandoverReport, HandoverRow } from '../../../shared/types';
import { localDayOf } from '../../../shared/domain/visitRules';

/**
 * The handover report as a CSV file for Excel (UTF-8 with BOM, numbers kept as text, the
 * formula guards of `shared/domain/csv`), headers in the user's language. Anniversaries and
 * renewals are one cell each, soonest first: "2026-12-16 成立日; …".
 */
export function handoverCsv(report: HandoverReport, t: TFunction): string {
  const columns: CsvColumn<HandoverRow>[] = [
    { header: t('handover.col.customerNo'), value: (row) => row.customerNo, asText: true },
    { header: t('handover.col.name'), value: (row) => row.name },
    { header: t('handover.col.tier'), value: (row) => t(`tier.${row.tier}`) },
    { header: t('handover.col.region'), value: (row) => row.region },
    {
      header: t('handover.col.lastVisit'),
      value: (row) => (row.lastVisitAt ? localDayOf(row.lastVisitAt) : ''),
    },
    { header: t('handover.col.followUps'), value: (row) => row.openFollowUps },
    { header: t('handover.col.anniversaries'), value: (row) => anniversariesText(row, t) },
    { header: t('handover.col.renewals'), value: (row) => renewalsText(row) },
  ];
  return toCsv(columns, report.rows);
}

export function anniversariesText(row: HandoverRow, t: TFunction): string {
  return row.anniversaries
    .map((a) => `${a.date} ${a.label !== '' ? a.label : t(`anniversaryKind.${a.kind}`)}`)
    .join('; ');
}

export function renewalsText(row: HandoverRow): string {
  return row.renewals.map((contract) => `${contract.endDate} ${contract.number}`).join('; ');
}

export function handoverFileName(report: HandoverReport): string {
  return `handover-${report.from}-${report.to}-${report.today}.csv`;
}
