import type { Scalar } from "./schema.ts";

/** Reads one cell as the mapping sees it: through its value map, with "missing" cells as null. */
export type CellReader = (cells: string[]) => string | number | boolean | null;

/**
 * The value map is looked up with the raw cell first, then the trimmed cell; a mapped value is
 * final (a map to null means missing). An unmapped cell whose trimmed text is one of `missing`
 * (by default only the empty string, so " " counts as missing too) is null; any other cell is
 * passed on untrimmed, for the coercer of its target.
 */
export function cellReader(
  index: number,
  values: Record<string, Scalar> | undefined,
  missing: Set<string>,
): CellReader {
  const map = values ? new Map(Object.entries(values)) : undefined;
  return (cells) => {
    const raw = cells[index] ?? "";
    if (map) {
      if (map.has(raw)) return map.get(raw)!;
      const trimmed = raw.trim();
      if (map.has(trimmed)) return map.get(trimmed)!;
    }
    return missing.has(raw.trim()) ? null : raw;
  };
}

/** `Lead Source` → `lead_source`, `customerID` → `customer_id`, `TotalVisits` → `total_visits`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}
