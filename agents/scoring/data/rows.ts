import type { FeatureRecord } from "../features/spec.ts";
import { REFERENCE_KEY } from "../features/values.ts";

/** One labelled example read from the store. */
export interface TrainingRow {
  /** The entity's id in the store. */
  id: string;
  /** A stable key: the external id (the source system's), else the store id. Rows are sorted by it. */
  key: string;
  /** Columns and tenant-specific fields by key (`plan`, `attributes.tenure_months`, `fields.city`). */
  record: FeatureRecord;
  /** The recorded outcome (churned, converted). */
  label: boolean;
  /** When the outcome became known. */
  knownAt: Date;
}

/**
 * The record a model reads for a row: its values plus the reference instant (the outcome's
 * knownAt), from which `age_days` features count.
 */
export const featureRecord = (row: TrainingRow): FeatureRecord => ({
  ...row.record,
  [REFERENCE_KEY]: row.knownAt.toISOString(),
});

/** Options of the training-row loaders. */
export interface LoadOptions {
  /** Only outcomes known at or before this time (a point-in-time cut). Default: all. */
  asOf?: Date;
}

/**
 * A record from a row's scalar columns plus one jsonb bag whose keys get `prefix.`; nested
 * objects and arrays in the bag are left out (no feature reads them).
 */
export function flatRecord(
  columns: Record<string, string | number | boolean | null>,
  prefix: string,
  bag: Record<string, unknown>,
): FeatureRecord {
  const record: FeatureRecord = { ...columns };
  for (const [k, v] of Object.entries(bag)) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v))
      record[`${prefix}.${k}`] = v as string | number | boolean | null;
  }
  return record;
}

/**
 * Orders rows by key in code-unit order. Sorting here rather than in SQL keeps the order (and
 * so every seeded split) the same on any database collation.
 */
export const byKey = (a: TrainingRow, b: TrainingRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
