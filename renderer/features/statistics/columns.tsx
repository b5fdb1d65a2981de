import type { AccountSummary, Tier } from '../../../shared/types';
import { TierBadge } from '../../components/Badges';
import type { TableColumn } from '../../components/ChartPanel';
import { AccountLink } from './AccountLink';
import { percent, yuan } from './format';

/**
 * Columns the statistics tables share: on screen a link, a badge, ¥ and %; in the CSV the name,
 * the number as text for Excel, yuan and fractions.
 */
export function nameColumn<Row>(header: string, account: (row: Row) => AccountSummary): TableColumn<Row> {
  return {
    header,
    value: (row) => account(row).name,
    display: (row) => <AccountLink account={account(row)} />,
    className: 'account-cell',
  };
}

export function customerNoColumn<Row>(
  header: string,
  account: (row: Row) => AccountSummary,
): TableColumn<Row> {
  return { header, value: (row) => account(row).customerNo, asText: true };
}

/**
 * An account as one cell on screen — its name, and below it its number and manager — and as
 * separate name, number (and manager) columns in the CSV. Tables with amounts beside it then fit
 * a 1024-pixel window without squeezing names to a character a line. The columns come in the
 * CSV's order: name, number, then `between` (e.g. the tier), then the manager.
 */
export function accountColumns<Row>(
  headers: { readonly name: string; readonly customerNo: string; readonly owner?: string },
  account: (row: Row) => AccountSummary,
  between: readonly TableColumn<Row>[] = [],
): TableColumn<Row>[] {
  const { owner } = headers;
  return [
    {
      header: headers.name,
      value: () => '',
      exported: false,
      className: 'account-cell',
      display: (row) => {
        const summary = account(row);
        return (
          <>
            <AccountLink account={summary} />
            <span className="account-meta">
              {owner === undefined ? summary.customerNo : `${summary.customerNo} · ${summary.owner}`}
            </span>
          </>
        );
      },
    },
    { header: headers.name, value: (row) => account(row).name, onScreen: false },
    { ...customerNoColumn(headers.customerNo, account), onScreen: false },
    ...between,
    ...(owner === undefined
      ? []
      : [{ header: owner, value: (row: Row) => account(row).owner, onScreen: false }]),
  ];
}

export function tierColumn<Row>(
  header: string,
  tier: (row: Row) => Tier,
  label: (tier: Tier) => string,
): TableColumn<Row> {
  return { header, value: (row) => label(tier(row)), display: (row) => <TierBadge tier={tier(row)} /> };
}

export function yuanColumn<Row>(header: string, fen: (row: Row) => number): TableColumn<Row> {
  return { header, value: (row) => fen(row) / 100, display: (row) => yuan(fen(row)), numeric: true };
}

export function shareColumn<Row>(header: string, share: (row: Row) => number): TableColumn<Row> {
  return { header, value: share, display: (row) => percent(share(row)), numeric: true };
}
