/**
 * The figures the performance issue asks for, each beside its floor, and the resident memory
 * after each bench step (the app's own process must stay under 600 MB on the bench book; the
 * mapped pages of the book count, as they do for the app).
 */
export interface Floor {
  readonly figure: string;
  /** Measured, or null when this run did not measure it (a partial run, a step left out). */
  readonly value: number | null;
  readonly unit: string;
  readonly floor: number;
  /** `max`: the value must not exceed the floor; `min`: it must reach it. */
  readonly kind: 'max' | 'min';
  /** The baseline measured beside it in the same run, when the floor is a ratio. */
  readonly note?: string;
}

export function formatFloors(floors: readonly Floor[]): string {
  const lines = [
    'figure                                         | measured      | floor        | met',
    '---|---|---|---',
  ];
  for (const row of floors) {
    const value = row.value === null ? 'not measured' : `${format(row.value)} ${row.unit}`;
    const floor = `${row.kind === 'max' ? '≤' : '≥'} ${format(row.floor)} ${row.unit}`;
    const met =
      row.value === null
        ? '—'
        : (row.kind === 'max' ? row.value <= row.floor : row.value >= row.floor)
          ? 'yes'
          : 'NO';
    lines.push(
      `${row.figure.padEnd(46)} | ${value.padStart(13)} | ${floor.padStart(12)} | ${met}${row.note ? ` (${row.note})` : ''}`,
    );
  }
  return lines.join('\n');
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);
}

/** Resident set size after each step, in the order they ran. */
export class RssSteps {
  readonly steps: { step: string; rssBytes: number }[] = [];

  record(step: string): void {
    this.steps.push({ step, rssBytes: process.memoryUsage().rss });
  }

  format(limitBytes: number): string {
    return this.steps
      .map(
        ({ step, rssBytes }) =>
          `${step} ${Math.round(rssBytes / 1048576)} MB${rssBytes > limitBytes ? ' (over)' : ''}`,
      )
      .join(', ');
  }
}
