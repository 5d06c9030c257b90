import type postgres from "postgres";
import { bulkInsert, type Row } from "../../bulk.ts";
import { ENTITY_KIND } from "./outcomes.ts";
import type { ImportPlan } from "./plan.ts";
import type { BuiltRow } from "./row.ts";

/** Writes built rows in batches inside the import's transaction, then their outcomes. */
export interface BatchWriter {
  add(row: BuiltRow): Promise<void>;
  flush(): Promise<void>;
  readonly rowsWritten: number;
  readonly outcomesWritten: number;
}

export function createBatchWriter(
  tx: postgres.TransactionSql,
  plan: ImportPlan,
  tenantId: string,
  batchSize: number,
): BatchWriter {
  // keyed by external id: a file that repeats an id within a batch keeps its last row, as a
  // re-import would (and ON CONFLICT DO UPDATE cannot touch one row twice in a statement)
  let batch = new Map<string, BuiltRow>();
  let rowsWritten = 0;
  let outcomesWritten = 0;
  const byIdentity = { columns: ["tenant_id", "external_id"] };
  const byOutcome = { columns: ["tenant_id", "entity_kind", "entity_id", "kind"] };
  const entityKind = ENTITY_KIND[plan.table];

  async function flush(): Promise<void> {
    if (batch.size === 0) return;
    const built = [...batch.values()];
    batch = new Map();
    // JSON columns go as explicit json parameters: postgres.js infers a parameter's type from
    // the first item of an array, which would send a JSON array of booleans as a boolean
    const rows = built.map((b) => wrapJson(tx, b.row, plan.jsonColumns));
    for (const group of groupByKeys(rows)) {
      rowsWritten += await bulkInsert(tx, plan.table, group, { conflict: byIdentity });
    }
    const pending = built.filter((b) => b.outcomes.length > 0);
    if (pending.length === 0 || !entityKind) return;
    const ids = pending.map((b) => b.externalId);
    const found = await tx<{ id: string; external_id: string }[]>`
      SELECT id, external_id FROM ${tx(plan.table)}
      WHERE tenant_id = ${tenantId} AND external_id = ANY(${ids})`;
    const idOf = new Map(found.map((r) => [r.external_id, r.id]));
    const outcomes: Row[] = pending.flatMap((b) =>
      b.outcomes.map((o) => ({
        tenant_id: tenantId,
        entity_kind: entityKind,
        entity_id: idOf.get(b.externalId)!,
        ...o,
      })),
    );
    outcomesWritten += await bulkInsert(tx, "outcomes", outcomes, { conflict: byOutcome });
  }

  return {
    async add(row) {
      batch.delete(row.externalId); // re-inserting moves it to the end: the later row wins
      batch.set(row.externalId, row);
      if (batch.size >= batchSize) await flush();
    },
    flush,
    get rowsWritten() {
      return rowsWritten;
    },
    get outcomesWritten() {
      return outcomesWritten;
    },
  };
}

function wrapJson(tx: postgres.TransactionSql, row: Row, jsonColumns: Set<string>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = value !== null && jsonColumns.has(key) ? tx.json(value as postgres.JSONValue) : value;
  }
  return out;
}

/** bulkInsert takes the first row's keys for all rows: rows that leave out a defaulted column go apart. */
function groupByKeys(rows: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const signature = Object.keys(row).join("\u0000");
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  return [...groups.values()];
}
