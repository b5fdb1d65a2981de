import { sameCode } from './keyring';

/** The longest wait after wrong passwords: a minute. */
const longestWaitMs = 60_000;

/**
 * How long a sign-in as `code` must wait after wrong passwords in a row (none since the last
 * right one): 1, 2, 4 … seconds after the latest, at most a minute. Guessing a password at that
 * pace takes years; the user who mistyped waits a second.
 */
export function signInDelayMs(
  failures: readonly { readonly code: string; readonly at: string }[],
  code: string,
  now: Date,
): number {
  const mine = failures.filter((failure) => sameCode(failure.code, code));
  const latest = mine.at(-1);
  if (!latest) return 0;
  const wait = Math.min(longestWaitMs, 1000 * 2 ** (mine.length - 1));
  const since = now.getTime() - Date.parse(latest.at);
  return Number.isFinite(since) ? Math.max(0, wait - since) : wait;
}
