import type { AnniversaryOnDate } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { TierBadge } from '../../components/Badges';
import { anniversaryName, lunarRule, milestoneText, yearsText } from './format';

/**
 * Who has the special day and what it is: the account (a link to its 360° view) and tier, the
 * anniversary, its lunar rule (农历八月十五), the age or Nth year, and a mark for a round year.
 */
export function OccurrenceLine(props: { occurrence: AnniversaryOnDate; titleId?: string }) {
  const { occurrence } = props;
  const { account, anniversary } = occurrence;
  const rule = lunarRule(anniversary);
  const years = yearsText(occurrence);
  const milestone = milestoneText(occurrence);
  return (
    <span className="occurrence">
      <span id={props.titleId} className="occurrence-who">
        <a href={hrefFor({ page: 'account', id: account.id })}>{account.name}</a>{' '}
        <span className="occurrence-kind">{anniversaryName(anniversary)}</span>
      </span>
      <TierBadge tier={account.tier} />
      {rule && <span className="lunar-rule">{rule}</span>}
      {years && <span className="muted">{years}</span>}
      {milestone && <span className="badge milestone">{milestone}</span>}
    </span>
  );
}
