import { ApiError } from '../../shared/errors';

/**
 * What every store does with a question to the book: ask, and keep the answer only if no newer
 * question of the same kind was asked meanwhile (answers arrive in any order: a slow search for
 * "王" after the quick one for "王芳", a refresh after the filters changed). Refusals arrive as
 * the typed error the screens show.
 */

/** Any failure as an `ApiError` (a lost connection is not one). */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
}

export class Latest {
  private ticket = 0;

  /** Starts a question; the function returned says whether it is still the latest. */
  begin(): () => boolean {
    const mine = ++this.ticket;
    return () => mine === this.ticket;
  }

  /**
   * Asks, and hands over the answer (or the refusal) only while this is still the latest
   * question. The promise settles once the answer has landed or been dropped.
   */
  ask<T>(request: Promise<T>, land: (value: T) => void, fail?: (error: ApiError) => void): Promise<void> {
    const current = this.begin();
    return request.then(
      (value) => {
        if (current()) land(value);
      },
      (error: unknown) => {
        if (current()) fail?.(asApiError(error));
      },
    );
  }

  /** Drops whatever answer is on its way (the question no longer stands). */
  drop(): void {
    this.ticket += 1;
  }
}

/** One `Latest` per kind of question (a view, a query, an id). */
export function latestPer<K extends string>(): (key: K) => Latest {
  const byKey = new Map<K, Latest>();
  return (key) => {
    let latest = byKey.get(key);
    if (!latest) byKey.set(key, (latest = new Latest()));
    return latest;
  };
}
