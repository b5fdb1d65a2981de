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
  };
}

export function customerNoColumn<Row>(
  header: string,
  account: (row: Row) => AccountSummary,
): TableColumn<Row> {
  return { header, value: (row) => account(row).customerNo, asText: true };
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
