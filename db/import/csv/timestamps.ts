/** Layouts a mapping may name for the date part of date and timestamp cells. */
export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Each layout: its pattern and the capture groups holding year, month and day. */
const LAYOUTS: Record<DateFormat, { re: RegExp; y: number; m: number; d: number }> = {
  "YYYY-MM-DD": { re: /^(\d{4})-(\d{1,2})-(\d{1,2})/, y: 1, m: 2, d: 3 },
  "DD/MM/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})/, y: 3, m: 2, d: 1 },
  "MM/DD/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})/, y: 3, m: 1, d: 2 },
  "DD.MM.YYYY": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})/, y: 3, m: 2, d: 1 },
};

// after the date: optional time (T or space), optional fraction, optional zone (Z or ±hh[:mm])
const TIME = /^(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface Parsed {
  y: number;
  m: number;
  d: number;
  rest: string;
}

function parseDatePart(text: string, format: DateFormat): Parsed | string {
  const layout = LAYOUTS[format];
  const match = layout.re.exec(text);
  if (!match) return `"${text}" is not a date in the form ${format}`;
  const y = Number(match[layout.y]);
  const m = Number(match[layout.m]);
  const d = Number(match[layout.d]);
  // Date.UTC rolls 2021-02-30 over to March; a round trip catches impossible days
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return `"${text}" is not a calendar date`;
  }
  return { y, m, d, rest: text.slice(match[0].length) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A date cell as `YYYY-MM-DD`, or the reason it is not one. */
export function parseDate(text: string, format: DateFormat): { date: string } | { reason: string } {
  const parsed = parseDatePart(text, format);
  if (typeof parsed === "string") return { reason: parsed };
  if (parsed.rest !== "") return { reason: `"${text}" is not a date in the form ${format}` };
  return { date: `${pad(parsed.y, 4)}-${pad(parsed.m)}-${pad(parsed.d)}` };
}

/**
 * A timestamp cell as an ISO string in UTC, or the reason it is not one. A cell without its own
 * zone is wall-clock time in `timeZone` (an IANA name), so daylight-saving shifts come out right.
 */
export function parseTimestamp(
  text: string,
  format: DateFormat,
  timeZone: string,
): { iso: string } | { reason: string } {
  const parsed = parseDatePart(text, format);
  if (typeof parsed === "string") return { reason: parsed };
  const time = TIME.exec(parsed.rest);
  if (!time) return { reason: `"${text}" is not a timestamp (${format} hh:mm[:ss][.fff][zone])` };
  const [, hh = "0", mi = "0", ss = "0", fraction = "", zone] = time;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59)
    return { reason: `"${text}" has an impossible time` };
  const ms = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const wall = Date.UTC(parsed.y, parsed.m - 1, parsed.d, Number(hh), Number(mi), Number(ss), ms);
  const utc = zone ? wall - fixedOffsetMs(zone) : wall - zoneOffsetAtWall(timeZone, wall);
  return { iso: new Date(utc).toISOString() };
}

function fixedOffsetMs(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`. */
function zoneOffsetAt(timeZone: string, utcMs: number): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, fmt);
  }
  const part = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** The offset that applies to a wall-clock time in `timeZone` (read the zone twice around DST changes). */
function zoneOffsetAtWall(timeZone: string, wallMs: number): number {
  if (timeZone === "UTC") return 0;
  const first = zoneOffsetAt(timeZone, wallMs);
  const second = zoneOffsetAt(timeZone, wallMs - first);
  return second;
}
