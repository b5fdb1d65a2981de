/** Conversions between form controls (local time) and the API (ISO-8601 UTC). */
function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2026-11-27T16:05` for <input type="datetime-local">, in local time. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO form of a datetime-local value, or the text itself when it is not one (for the validator). */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
}
