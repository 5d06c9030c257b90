import { parseDate, parseTimestamp, type DateFormat } from "./timestamps.ts";
import type { BagType } from "./schema.ts";

/** A cell after its value map: text, or what a value map or a constant produced, or a list. */
export type Input = string | number | boolean | string[];
export type Coerced = { value: unknown } | { reason: string };
export type Coercer = (input: Input) => Coerced;

export interface CoerceOptions {
  /** Zone of timestamps that carry none. */
  timeZone: string;
  dateFormat: DateFormat;
  /** For list targets: the separator inside one cell; without it a cell is a one-item list. */
  split?: string | undefined;
}

const show = (input: Input) => (typeof input === "string" ? `"${input}"` : JSON.stringify(input));
const asText = (input: Input) => (typeof input === "string" ? input.trim() : String(input));

function whole(bits: 16 | 32 | 64): Coercer {
  const limit = 2n ** BigInt(bits - 1);
  return (input) => {
    if (typeof input === "boolean" || Array.isArray(input))
      return { reason: `${show(input)} is not a whole number` };
    // "3.0" is whole: CSVs written from a float column (pandas) print integers that way
    const match = /^([+-]?\d+)(?:\.0*)?$/.exec(asText(input));
    if (!match) return { reason: `${show(input)} is not a whole number` };
    const n = BigInt(match[1]!);
    if (n < -limit || n >= limit)
      return { reason: `${show(input)} is out of range for a ${bits}-bit integer` };
    return { value: bits === 64 ? n.toString() : Number(n) };
  };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function decimal(asNumber: boolean): Coercer {
  return (input) => {
    if (typeof input === "boolean" || Array.isArray(input))
      return { reason: `${show(input)} is not a number` };
    const text = asText(input);
    if (!NUMBER.test(text)) return { reason: `${show(input)} is not a number` };
    // numeric keeps its digits as text: a JS number would round values beyond 15-17 digits
    return { value: asNumber ? Number(text) : text.replace(/^\+/, "") };
  };
}

const TRUE = new Set(["true", "t", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "f", "no", "n", "0", "off"]);

const bool: Coercer = (input) => {
  if (typeof input === "boolean") return { value: input };
  if (Array.isArray(input)) return { reason: `${show(input)} is not a yes/no value` };
  const text = asText(input).toLowerCase();
  if (TRUE.has(text)) return { value: true };
  if (FALSE.has(text)) return { value: false };
  return { reason: `${show(input)} is not a yes/no value (true/false, yes/no, 1/0)` };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The coercer for a column type (Postgres udt name), or undefined when a CSV cell cannot become
 * that type. Values come out as postgres.js sends them best: numbers, booleans, ISO strings, and
 * numeric/int8 as exact text.
 */
export function coercerFor(udt: string, options: CoerceOptions): Coercer | undefined {
  switch (udt) {
    case "text":
    case "varchar":
    case "bpchar":
      return (input) =>
        Array.isArray(input) ? { reason: "a list cannot go into a text column" } : { value: String(input) };
    case "int2":
      return whole(16);
    case "int4":
      return whole(32);
    case "int8":
      return whole(64);
    case "numeric":
      return decimal(false);
    case "float4":
    case "float8":
      return decimal(true);
    case "bool":
      return bool;
    case "date":
      return (input) => {
        const r = parseDate(asText(input), options.dateFormat);
        return "date" in r ? { value: r.date } : r;
      };
    case "timestamptz":
      return (input) => {
        const r = parseTimestamp(asText(input), options.dateFormat, options.timeZone);
        return "iso" in r ? { value: r.iso } : r;
      };
    case "uuid":
      return (input) =>
        UUID.test(asText(input)) ? { value: asText(input) } : { reason: `${show(input)} is not a UUID` };
    case "json":
    case "jsonb":
      return (input) => {
        if (typeof input !== "string") return { value: input };
        try {
          return { value: JSON.parse(input) as unknown };
        } catch {
          return { reason: `${show(input)} is not valid JSON` };
        }
      };
    case "_text":
      return (input) => {
        if (Array.isArray(input)) return { value: input };
        if (typeof input !== "string" || options.split === undefined) return { value: [String(input)] };
        return {
          value: input
            .split(options.split)
            .map((s) => s.trim())
            .filter((s) => s !== ""),
        };
      };
    default:
      return undefined;
  }
}

const BAG_UDT: Record<BagType, string> = {
  text: "text",
  int: "int8",
  numeric: "numeric",
  bool: "bool",
  date: "date",
  timestamptz: "timestamptz",
  jsonb: "jsonb",
  "text[]": "_text",
};

/** The coercer for a key of the JSONB bag: like a column's, but numbers come out as JSON numbers. */
export function bagCoercer(type: BagType, options: CoerceOptions): Coercer {
  const inner = coercerFor(BAG_UDT[type], options)!;
  if (type !== "int" && type !== "numeric") return inner;
  return (input) => {
    const r = inner(input);
    return "value" in r ? { value: Number(r.value) } : r;
  };
}
