import { basename } from "node:path";
import { cellReader } from "./cells.ts";
import { coercerFor } from "./coerce.ts";
import type { TableSchema } from "./constraints.ts";
import type { PlanContext } from "./context.ts";
import type { Mapping, TimeSource } from "./schema.ts";

/** The entity kind an outcome of each table is recorded under (outcomes.entity_kind). */
export const ENTITY_KIND: Partial<Record<Mapping["table"], string>> = {
  accounts: "account",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
  tickets: "ticket",
};

type Problem = { column: string; reason: string };
type Timed = { value: string | null } | Problem;

/** One outcome column, compiled: read a row's label and when it became known. */
export interface OutcomePlan {
  kind: string;
  source: string;
  read(cells: string[]): { outcome: PendingOutcome | null } | { problems: Problem[] };
}

/** An outcome whose entity id is not known until its row is written. */
export interface PendingOutcome {
  kind: string;
  value: boolean;
  known_at: string;
  occurred_at: string | null;
  source: string;
}

export function compileOutcomes(mapping: Mapping, ctx: PlanContext, outcomes: TableSchema): OutcomePlan[] {
  if (mapping.outcomes.length > 0 && !ENTITY_KIND[mapping.table]) {
    ctx.issue(
      "outcomes",
      `table ${mapping.table} has no outcomes (only ${Object.keys(ENTITY_KIND).join(", ")})`,
    );
    return [];
  }
  const kinds = outcomes.rules.get("kind")?.allowed;
  const missing = new Set(mapping.missing);
  return mapping.outcomes.flatMap((spec, i): OutcomePlan[] => {
    const key = `outcomes[${i}]`;
    if (kinds && !kinds.includes(spec.kind))
      ctx.issue(`${key}.kind`, `"${spec.kind}" is not one of ${kinds.join(", ")}`);
    const index = ctx.read(spec.column, `${key}.column`, { label: true });
    if (index !== undefined) ctx.labels.add(index);
    const knownAt = timeReader(spec.knownAt, `${key}.knownAt`, mapping, ctx);
    const occurredAt = spec.occurredAt
      ? timeReader(spec.occurredAt, `${key}.occurredAt`, mapping, ctx)
      : undefined;
    if (index === undefined || !knownAt) return [];
    const cell = cellReader(index, spec.values, missing);
    const bool = coercerFor("bool", { timeZone: mapping.timezone, dateFormat: "YYYY-MM-DD" })!;
    const source = spec.source ?? `import:${basename(ctx.file)}`;
    return [
      {
        kind: spec.kind,
        source,
        read(cells) {
          const raw = cell(cells);
          if (raw === null) return { outcome: null }; // an unknown label is no outcome, not a false one
          const label = bool(raw);
          const known = knownAt(cells);
          const occurred: Timed = occurredAt ? occurredAt(cells) : { value: null };
          if ("reason" in label || "reason" in known || "reason" in occurred || known.value === null) {
            const problems: Problem[] = [];
            if ("reason" in label) problems.push({ column: spec.column, reason: label.reason });
            if ("reason" in known) problems.push(known);
            else if (known.value === null) {
              problems.push({ column: spec.knownAt.column ?? spec.column, reason: "known_at is missing" });
            }
            if ("reason" in occurred) problems.push(occurred);
            return { problems };
          }
          const value = label.value as boolean;
          return {
            outcome: { kind: spec.kind, value, known_at: known.value, occurred_at: occurred.value, source },
          };
        },
      },
    ];
  });
}

function timeReader(spec: TimeSource, key: string, mapping: Mapping, ctx: PlanContext) {
  const coerce = coercerFor("timestamptz", {
    timeZone: mapping.timezone,
    dateFormat: spec.dateFormat ?? "YYYY-MM-DD",
  })!;
  if (spec.value !== undefined) {
    const fixed = coerce(spec.value);
    if ("reason" in fixed) ctx.issue(`${key}.value`, fixed.reason);
    const value = "value" in fixed ? (fixed.value as string) : null;
    return (): Timed => ({ value });
  }
  const index = ctx.read(spec.column!, `${key}.column`);
  if (index === undefined) return undefined;
  const cell = cellReader(index, undefined, new Set(mapping.missing));
  return (cells: string[]): Timed => {
    const raw = cell(cells);
    if (raw === null) return { value: null };
    const r = coerce(raw);
    return "reason" in r ? { column: spec.column!, reason: r.reason } : { value: r.value as string };
  };
}
