import { useEffect } from 'react';
import { creditCodeSchema, customerNoSchema, phoneNumberSchema } from '../../../shared/schemas';
import type { AccountKind, DuplicateMatch } from '../../../shared/types';
import { api } from '../../api';

/** What a new or edited account is checked against while it is typed. */
export interface DuplicateProbe {
  readonly kind: AccountKind;
  readonly name: string;
  readonly creditCode: string;
  readonly customerNo: string;
  readonly phones: readonly string[];
  /** When editing: the account itself. */
  readonly excludeId?: string;
}

/** How long typing must pause before the book is asked: one question per word, not per key. */
export const duplicateCheckDelayMs = 300;

/**
 * Asks `accounts.checkDuplicates` about what has been typed, once typing pauses, and hands
 * the matches to `show` (an empty list when there are none). Only parts that are complete
 * and valid are sent (a half-typed phone would match nothing, or the wrong account); an answer
 * that arrives after newer typing is dropped.
 */
export function useLiveDuplicates(probe: DuplicateProbe, show: (matches: readonly DuplicateMatch[]) => void) {
  const phones = probe.phones.filter((number) => phoneNumberSchema.safeParse(number).success);
  const creditCode = probe.kind === 'organization' && creditCodeSchema.safeParse(probe.creditCode).success;
  const customerNo = probe.customerNo.trim() !== '' && customerNoSchema.safeParse(probe.customerNo).success;
  const name = probe.name.trim();
  const key = JSON.stringify([
    probe.kind,
    name,
    creditCode && probe.creditCode,
    customerNo && probe.customerNo,
    phones,
  ]);
  useEffect(() => {
    let current = true;
    const empty = name === '' && !creditCode && !customerNo && phones.length === 0;
    const timer = setTimeout(
      () => {
        if (empty) return show([]);
        api.accounts
          .checkDuplicates({
            kind: probe.kind,
            ...(name ? { name } : {}),
            ...(creditCode ? { creditCode: probe.creditCode } : {}),
            ...(customerNo ? { customerNo: probe.customerNo } : {}),
            phones,
            ...(probe.excludeId ? { excludeId: probe.excludeId } : {}),
          })
          .then(
            (matches) => current && show(matches),
            // A check that fails is no reason to block typing; Save checks again.
            () => undefined,
          );
      },
      empty ? 0 : duplicateCheckDelayMs,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The key stands for every part of the probe that is sent; `show` is the form's, stable in effect.
  }, [key]);
}
