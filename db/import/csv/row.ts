import type { Row } from "../../bulk.ts";
import type { RowProblem } from "../../errors.ts";
import type { PendingOutcome } from "./outcomes.ts";
import type { ImportPlan } from "./plan.ts";

/** A CSV record turned into a table row, with the outcomes to record against it. */
export interface BuiltRow {
  line: number;
  externalId: string;
  row: Row;
  outcomes: PendingOutcome[];
}

/**
 * Builds the row for one record, or every problem it has (all of them, not just the first, so a
 * file can be fixed in one pass). A missing value for a NOT NULL column with a default is left
 * out of the row, so rows of one file may differ in their keys (the writer groups them).
 */
export function buildRow(
  plan: ImportPlan,
  tenantId: string,
  cells: string[],
  line: number,
): BuiltRow | RowProblem[] {
  const file = plan.file;
  if (cells.length !== plan.header.length) {
    return [{ file, line, reason: `expected ${plan.header.length} columns, found ${cells.length}` }];
  }
  const problems: RowProblem[] = [];
  const externalId = plan.externalId(cells, line);
  if (externalId === null)
    problems.push({ file, line, column: plan.externalIdLabel, reason: "the id is missing" });
  const row: Row = { tenant_id: tenantId, external_id: externalId };
  const bag: Record<string, unknown> = {};
  for (const field of plan.fields) {
    const input = field.read(cells);
    let value: unknown = null;
    if (input !== null) {
      const coerced = field.coerce(input);
      if ("reason" in coerced) {
        problems.push({ file, line, column: field.label, reason: coerced.reason });
        continue;
      }
      value = coerced.value;
    }
    if ("bagKey" in field.target) {
      // a missing value is left out of the bag rather than stored as null
      if (value !== null) bag[field.target.bagKey] = value;
    } else {
      // NOT NULL with a default: leave the key out, so the database default applies
      if (value === null && field.target.required && field.target.hasDefault) continue;
      if (value === null && field.target.required) {
        problems.push({
          file,
          line,
          column: field.label,
          reason: `${field.target.column} is required but the value is missing`,
        });
      }
      row[field.target.column] = value;
    }
  }
  for (const { index, key } of plan.bagText) {
    const cell = cells[index]!;
    if (!plan.missing.has(cell.trim())) bag[key] = cell;
  }
  if (plan.bagColumn) row[plan.bagColumn] = bag;
  const outcomes: PendingOutcome[] = [];
  for (const outcome of plan.outcomes) {
    const read = outcome.read(cells);
    if ("problems" in read) problems.push(...read.problems.map((p) => ({ file, line, ...p })));
    else if (read.outcome) outcomes.push(read.outcome);
  }
  return problems.length > 0 ? problems : { line, externalId: externalId!, row, outcomes };
}
