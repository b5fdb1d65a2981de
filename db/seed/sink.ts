import { v7 } from 'uuid';
import type { SyncedTable } from '../schema';
import type { NewRow } from '../tables';
import type { Writer } from '../write';
import type { Prng } from './random';

/** Rows written per synced table. */
export type RowCounts = Record<SyncedTable, number>;

/**
 * Where generated rows go: the batch's `Writer` (the one write path, so sync metadata, search
 * keys and the batch's audit entry are exactly those of real writes), counted per table.
 */
export class Sink {
  readonly counts: RowCounts = {
    accounts: 0,
    account_phones: 0,
    relationships: 0,
    visits: 0,
    anniversaries: 0,
    consumption: 0,
    contracts: 0,
  };
  private writer: Writer | null = null;
  private readonly bytes = new Uint8Array(16);

  /** Runs `fn` with rows going to `writer`. */
  into(writer: Writer, fn: () => void): void {
    this.writer = writer;
    try {
      fn();
    } finally {
      this.writer = null;
    }
  }

  insert<T extends SyncedTable>(table: T, row: NewRow<T>): void {
    if (!this.writer) throw new Error('Sink.insert outside a batch');
    this.writer.insert(table, row);
    this.counts[table]++;
  }

  /** Rows written so far, all tables. */
  total(): number {
    let sum = 0;
    for (const count of Object.values(this.counts)) sum += count;
    return sum;
  }

  /** A UUIDv7 for a row created at `msecs`, its random bits from `prng`. */
  id(prng: Prng, msecs: number): string {
    return v7({ msecs: Math.floor(msecs), random: prng.fill(this.bytes) });
  }
}
