import type { AccountSummary } from '../../../shared/types';
import { hrefFor } from '../../app/router';

/** An account's name linking to its 360° view. */
export function AccountLink({ account }: { account: AccountSummary }) {
  return <a href={hrefFor({ page: 'account', id: account.id })}>{account.name}</a>;
}
