import type { Tier } from '../types/common';

/**
 * When to remind of a contract's end (合同到期提醒), in days before its last day, by the
 * account's tier: a strategic or partner contract needs a quarter to renegotiate, a general
 * one a week to send the renewal form.
 */
export const renewalLeadDays: Readonly<Record<Tier, readonly number[]>> = {
  strategic: [90, 30, 7],
  partner: [90, 30, 7],
  commercial: [30, 7],
  general: [30, 7],
};

/** The longest lead of any tier: how far ahead the renewals read. */
export const longestRenewalLead = Math.max(...Object.values(renewalLeadDays).flat());

/** How far ahead the statistics card looks for contracts coming to an end. */
export const expiringWindowDays = 90;
