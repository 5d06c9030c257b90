/** How raw record values are read: the same rules at fit time and at prediction time. */

/** The level a missing category gets. */
export const MISSING_LEVEL = "(missing)";
/** The level rare and unseen categories share. */
export const OTHER_LEVEL = "(other)";

/** A finite number, or undefined for missing (null, blank, non-numeric text, objects). */
export function numberValue(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** true / false, or undefined for missing; 0/1 and "true"/"false" are accepted too. */
export function booleanValue(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true" || s === "yes") return true;
    if (s === "false" || s === "no") return false;
  }
  return undefined;
}

/** The category as text, or MISSING_LEVEL. */
export function categoryValue(v: unknown): string {
  if (typeof v === "string") return v.trim() === "" ? MISSING_LEVEL : v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return MISSING_LEVEL;
}

/**
 * The record key holding the instant a record describes (ISO 8601): the outcome's knownAt in
 * training, the scoring instant live. `age_days` features count days back from it.
 */
export const REFERENCE_KEY = "@reference_time";
const DAY_MS = 86_400_000;

/** A numeric feature's raw value in a record: the number, or for `age_days` the date's age in days. */
export function featureNumber(
  f: { key: string; transform: "none" | "log1p" | "age_days" },
  record: Record<string, unknown>,
): number | undefined {
  const v = record[f.key];
  if (f.transform !== "age_days") return numberValue(v);
  const ref = record[REFERENCE_KEY];
  if (typeof v !== "string" || typeof ref !== "string") return undefined;
  const at = Date.parse(v);
  const now = Date.parse(ref);
  return Number.isFinite(at) && Number.isFinite(now) ? (now - at) / DAY_MS : undefined;
}

/** The median of a non-empty list (0 for an empty one). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Distinct cut points at the inner quantiles k/bins, so that each bin is non-empty. */
export function quantileCuts(values: number[], bins: number): number[] {
  if (bins < 2 || values.length === 0) return [];
  const s = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const cut = s[Math.floor((k * s.length) / bins)]!;
    // a cut equal to the minimum would leave the first bin empty
    if (cut > s[0]! && cut !== cuts[cuts.length - 1]) cuts.push(cut);
  }
  return cuts;
}

/** Which bin x falls in: the number of cuts ≤ x. */
export function binOf(x: number, cuts: readonly number[]): number {
  let i = 0;
  while (i < cuts.length && x >= cuts[i]!) i++;
  return i;
}
