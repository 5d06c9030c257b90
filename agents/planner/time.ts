import { PlanDateError } from "./errors.ts";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Checks a plan date (YYYY-MM-DD, a real calendar day) and returns it. */
export function parsePlanDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new PlanDateError(value);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new PlanDateError(value);
  return value;
}

/** The calendar date of `instant` in UTC, YYYY-MM-DD. */
export const utcDate = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Minutes east of UTC of `timeZone` at `instant` (e.g. 60 for Europe/Berlin in winter). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wall - instant) / MINUTE_MS);
}

/**
 * The instant (epoch ms) the wall clock in `timeZone` reads `date` at `hour`:00. An unknown zone
 * is read as UTC (the store's default), so a typo in a profile never stops a plan.
 */
export function zonedDayStart(date: string, hour: number, timeZone: string): number {
  const naive = Date.parse(`${parsePlanDate(date)}T00:00:00Z`) + hour * 3_600_000;
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    zone = "UTC";
  }
  // two passes settle the offset across a DST change between naive and real instants
  let instant = naive - offsetMinutes(zone, naive) * MINUTE_MS;
  instant = naive - offsetMinutes(zone, instant) * MINUTE_MS;
  return instant;
}
