import type { Tier } from '../types';
import { formatYuan } from './money';

/**
 * Tier suggestions from the 80/20 view (Huawei's four tiers: strategic, partner, commercial,
 * general). An account's ABC class comes from its own trailing-12-month consumption; a member
 * of a customer group (集团客户) is also judged by its whole group's, and gets the better of the
 * two — a small subsidiary of a strategic group is looked after as part of that group.
 */
export type AbcClass = 'A' | 'B' | 'C';

/** Cumulative shares where class A and class B end (default 80% and 95%: 80/15/5). */
export interface AbcBounds {
  readonly a: number;
  readonly b: number;
}
export const defaultAbcBounds: AbcBounds = { a: 0.8, b: 0.95 };

/** Within class A, the accounts before this cumulative share are the core: strategic. */
export const strategicCoreShare = 0.5;

/**
 * The class of the item ranked after items holding `shareBefore` of the total: the item that
 * crosses a bound still belongs to the class below it (the top account alone is always A).
 * Nothing consumed: no class.
 */
export function abcClassOf(
  shareBefore: number,
  amountFen: number,
  bounds: AbcBounds = defaultAbcBounds,
): AbcClass | null {
  if (amountFen <= 0) return null;
  if (shareBefore < bounds.a) return 'A';
  if (shareBefore < bounds.b) return 'B';
  return 'C';
}

/** Where an account or a group stands in its ranking. */
export interface Standing {
  readonly abcClass: AbcClass | null;
  /** Share of the total held by those ranked before it (0 for the first). */
  readonly shareBefore: number;
  readonly trailing12Fen: number;
}

export interface TierReason {
  readonly account: Standing;
  /** The account's customer group, when it belongs to one. */
  readonly group: (Standing & { readonly rootName: string }) | null;
  /** Which of the two decided the suggestion. */
  readonly basis: 'account' | 'group';
}

const tierRank: Record<Tier, number> = { strategic: 0, partner: 1, commercial: 2, general: 3 };

function tierFor(standing: Standing): Tier {
  switch (standing.abcClass) {
    case 'A':
      return standing.shareBefore < strategicCoreShare ? 'strategic' : 'partner';
    case 'B':
      return 'commercial';
    default:
      return 'general';
  }
}

export function suggestTier(
  account: Standing,
  group: TierReason['group'],
): { readonly tier: Tier; readonly reason: TierReason } {
  const own = tierFor(account);
  const viaGroup = group ? tierFor(group) : 'general';
  const basis = group && tierRank[viaGroup] < tierRank[own] ? 'group' : 'account';
  return { tier: basis === 'group' ? viaGroup : own, reason: { account, group, basis } };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Longest stored reason (the account form's limit), and of a group's name within it. */
export const tierReasonMaxLength = 200;
const groupNameMaxLength = 30;

/** The reason in words, as stored with a tier taken from a suggestion; fits `tierReasonMaxLength`. */
export function describeTierReason(reason: TierReason, language: 'zh-CN' | 'en'): string {
  const { account } = reason;
  const group = reason.group && {
    ...reason.group,
    rootName:
      reason.group.rootName.length > groupNameMaxLength
        ? `${reason.group.rootName.slice(0, groupNameMaxLength - 1)}…`
        : reason.group.rootName,
  };
  const zh = language === 'zh-CN';
  const own =
    account.abcClass === null
      ? zh
        ? '近12个月无消费'
        : 'no consumption in 12 months'
      : zh
        ? `${account.abcClass} 类客户（近12个月 ${formatYuan(account.trailing12Fen)}，之前累计占比 ${percent(account.shareBefore)}）`
        : `class ${account.abcClass} (${formatYuan(account.trailing12Fen)} in 12 months, ${percent(account.shareBefore)} of the total ranked above it)`;
  if (!group || reason.basis === 'account') return own;
  const groupClass = group.abcClass ?? '—';
  return zh
    ? `${own}；所属集团「${group.rootName}」为 ${groupClass} 类（近12个月 ${formatYuan(group.trailing12Fen)}）`
    : `${own}; its customer group “${group.rootName}” is class ${groupClass} (${formatYuan(group.trailing12Fen)} in 12 months)`;
}
