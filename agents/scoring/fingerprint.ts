import { createHash } from "node:crypto";
import { byKey, type TrainingRow } from "./data/rows.ts";

/**
 * SHA-256 of the training data: every row's key, label and record (keys sorted), rows in key
 * order, so the same data gives the same fingerprint whatever order it was read in.
 */
export function fingerprintRows(rows: readonly TrainingRow[]): string {
  const hash = createHash("sha256");
  const sorted = [...rows].sort(byKey);
  for (const row of sorted) {
    const record = Object.keys(row.record)
      .sort()
      .map((k) => [k, row.record[k] ?? null]);
    hash.update(JSON.stringify([row.key, row.label, record]));
    hash.update("\n");
  }
  return hash.digest("hex");
}

/** Hex SHA-256 of a JSON value with object keys sorted at every level. */
export function hashJson(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
