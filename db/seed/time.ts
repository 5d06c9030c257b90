/**
 * Time arithmetic relative to the book's fixed "as of" instant. Every timestamp in a book is
 * derived from it (never from the wall clock), so a book is the same whenever it is generated.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function addDays(t: Date, days: number): Date {
  return new Date(t.getTime() + days * DAY_MS);
}

export function addHours(t: Date, hours: number): Date {
  return new Date(t.getTime() + hours * HOUR_MS);
}

export function addMinutes(t: Date, minutes: number): Date {
  return new Date(t.getTime() + minutes * 60_000);
}

/** Calendar months added in UTC; the day of month is clamped to the target month's length. */
export function addMonths(t: Date, months: number): Date {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(t.getUTCDate(), last);
  return new Date(Date.UTC(y, m, d, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()));
}

/** The first day (00:00 UTC) of the month `t` falls in, moved by `offset` months. */
export function monthStart(t: Date, offset = 0): Date {
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + offset, 1));
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / DAY_MS;
}

/** `YYYY-MM-DD` (UTC) for date columns. */
export function isoDate(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** A time during business hours (13:00–21:00 UTC spans the US and European working day). */
export function workHour(day: Date, fraction: number): Date {
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 13);
  return new Date(start + Math.floor(fraction * 8 * 60) * 60_000);
}

export function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

export function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
