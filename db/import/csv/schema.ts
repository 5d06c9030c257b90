import { z } from "zod";
import { DATE_FORMATS } from "./timestamps.ts";

/**
 * The tables a CSV can be imported into: the CRM book tables that have an `external_id`, which
 * is what makes a re-import update rows instead of duplicating them.
 */
export const IMPORT_TABLES = [
  "users",
  "accounts",
  "contacts",
  "leads",
  "deals",
  "activities",
  "tickets",
  "campaigns",
  "kb_articles",
] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

/** Types a key of the JSONB bag can be coerced to (table columns take their type from the schema). */
export const BAG_TYPES = [
  "text",
  "int",
  "numeric",
  "bool",
  "date",
  "timestamptz",
  "jsonb",
  "text[]",
] as const;
export type BagType = (typeof BAG_TYPES)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalar>;

/** A bare string is shorthand for `{ column: <string> }`. */
const columnShorthand = (v: unknown) => (typeof v === "string" ? { column: v } : v);

function exactlyOne(keys: string[]) {
  return (o: object) =>
    keys.filter((k) => k in o && (o as Record<string, unknown>)[k] !== undefined).length === 1;
}

const fieldSpec = z
  .strictObject({
    column: z.string().min(1).optional().describe("CSV column to read"),
    columns: z.array(z.string().min(1)).min(1).optional().describe("several CSV columns → one list"),
    value: scalar.optional().describe("a constant for every row"),
    values: z
      .record(z.string(), scalar)
      .optional()
      .describe('value map applied to the raw cell: "High" → "high"'),
    type: z.enum(BAG_TYPES).optional().describe("only for bag keys; default text"),
    dateFormat: z
      .enum(DATE_FORMATS)
      .optional()
      .describe("layout of date/timestamp cells; default YYYY-MM-DD"),
    split: z.string().min(1).optional().describe("for list targets: separator inside one cell"),
  })
  .refine(exactlyOne(["column", "columns", "value"]), {
    message: "give exactly one of column, columns, value",
  });
export type FieldSpec = z.infer<typeof fieldSpec>;

/** A fixed ISO timestamp (with zone) or a CSV column; a bare string is the fixed timestamp. */
const timeSource = z.preprocess(
  (v) => (typeof v === "string" ? { value: v } : v),
  z
    .strictObject({
      value: z.iso.datetime({ offset: true }).optional().describe("e.g. 2020-01-01T00:00:00Z"),
      column: z.string().min(1).optional(),
      dateFormat: z.enum(DATE_FORMATS).optional(),
    })
    .refine(exactlyOne(["value", "column"]), {
      message: "give exactly one of value (an ISO timestamp), column",
    }),
);
export type TimeSource = z.infer<typeof timeSource>;

const outcomeSpec = z.strictObject({
  kind: z.string().min(1).describe("outcomes.kind: churned, converted, won …"),
  column: z.string().min(1).describe("CSV column holding the label"),
  values: z
    .record(z.string(), z.union([z.boolean(), z.null()]))
    .optional()
    .describe("label map; unmapped cells are read as booleans (yes/no, true/false, 1/0)"),
  knownAt: timeSource.describe(
    "when the label became known: required, so training cuts never see the future",
  ),
  occurredAt: timeSource.optional(),
  source: z.string().min(1).optional().describe("default: import:<csv file name>"),
});
export type OutcomeSpec = z.infer<typeof outcomeSpec>;

/**
 * The mapping file (YAML or JSON): how one CSV becomes rows of one CRM table, plus outcomes.
 *
 * ```yaml
 * table: tickets                      # one of IMPORT_TABLES
 * externalId: { column: Ticket ID, prefix: cst- }   # or { prefix: b77-train- }: prefix + CSV line
 * missing: ["", Select]               # cells meaning "no value" everywhere (default [""])
 * timezone: UTC                       # zone of timestamps written without one
 * exclude: [Tags]                     # leakage: never read or stored, not even in rejects
 * knownAfterOutcome: [Closed Reason]  # stored, but never a scoring feature (filled in after the outcome)
 * fields:                             # target ← source; a bare string is a CSV column
 *   body: Ticket Description
 *   priority: { column: Ticket Priority, values: { High: high, "N/A": null } }
 *   language: { value: en }           # a constant
 *   attributes.split: { value: train } # a key of the JSONB bag (type: text by default)
 *   attributes.tags: { columns: [tag_1, tag_2], type: text[] }
 * bag: { rest: true, keys: snake_case } # every other column into the bag, as text
 * outcomes:
 *   - { kind: churned, column: Churn, values: { "Yes": true, "No": false }, knownAt: "2019-10-01T00:00:00Z" }
 * ```
 *
 * Column types, NOT NULL and simple CHECK constraints come from the database schema, so a value
 * that would not fit is reported with its line before anything is written.
 */
export const mappingSchema = z.strictObject({
  description: z.string().optional(),
  table: z.enum(IMPORT_TABLES),
  csv: z
    .strictObject({
      delimiter: z.string().length(1).default(","),
      quote: z.string().length(1).default('"'),
      encoding: z.enum(["utf8", "utf16le", "latin1"]).default("utf8"),
    })
    .default({ delimiter: ",", quote: '"', encoding: "utf8" }),
  externalId: z
    .strictObject({
      column: z.string().min(1).optional().describe("CSV column with the source system's id"),
      prefix: z.string().default("").describe("put before the id; without a column, id = prefix + CSV line"),
    })
    .refine((e) => e.column !== undefined || e.prefix !== "", {
      message: "give a column, or a prefix for ids made from CSV line numbers",
    }),
  missing: z.array(z.string()).default([""]).describe("cells (trimmed) that mean 'no value' in every column"),
  timezone: z
    .string()
    .default("UTC")
    .refine(isTimeZone, { message: "not a time zone Intl knows (use an IANA name such as Europe/Berlin)" }),
  fields: z.record(z.string().min(1), z.preprocess(columnShorthand, fieldSpec)).default({}),
  bag: z
    .strictObject({
      rest: z.boolean().default(false).describe("every CSV column not mapped, excluded or used elsewhere"),
      columns: z.array(z.string().min(1)).default([]).describe("these CSV columns, as text"),
      keys: z.enum(["snake_case", "original"]).default("snake_case"),
    })
    .optional(),
  exclude: z.array(z.string().min(1)).default([]).describe("leakage: never read, never stored anywhere"),
  knownAfterOutcome: z
    .array(z.string().min(1))
    .default([])
    .describe("CSV columns filled in only after the outcome: stored, but scoring refuses them as features"),
  outcomes: z.array(outcomeSpec).default([]),
});

/** A validated mapping, defaults filled in. */
export type Mapping = z.infer<typeof mappingSchema>;
/** A mapping as written in the file (defaults optional). */
export type MappingInput = z.input<typeof mappingSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
