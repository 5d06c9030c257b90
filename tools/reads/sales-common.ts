import type postgres from "postgres";
import { z } from "zod";

/** Shared input fields and queries of the sales batch reads (sales_open_leads, sales_open_deals). */
export const instant = (what: string) => z.iso.datetime({ offset: true }).describe(`${what} (ISO 8601).`);

/** Keyset paging: the last id of the previous page. */
export const after = z
  .guid()
  .optional()
  .describe("Cursor: the `next_after` of the previous page (omit at first).");

/** An earlier draft by the calling agent about an entity (for frequency caps). */
export interface RecentDraft {
  entity_id: string;
  id: string;
  status: string;
  created_at: string;
}

/**
 * Drafts the calling agent wrote about these entities since `since` in other runs than the
 * current one (a resumed run must not see its own drafts as "already contacted").
 */
export async function recentDrafts(
  tx: postgres.TransactionSql,
  tenantId: string,
  agent: string,
  runId: string | null,
  entityKind: "lead" | "deal",
  ids: string[],
  since: string,
): Promise<Map<string, RecentDraft[]>> {
  const rows =
    ids.length === 0
      ? []
      : await tx<(Omit<RecentDraft, "created_at"> & { created_at: Date })[]>`
          SELECT entity_id, id, status, created_at FROM drafts
          WHERE tenant_id = ${tenantId} AND agent = ${agent} AND entity_kind = ${entityKind}
            AND entity_id IN ${tx(ids)} AND created_at >= ${since}
            AND run_id IS DISTINCT FROM ${runId}
          ORDER BY created_at DESC, id`;
  const byEntity = new Map<string, RecentDraft[]>();
  for (const r of rows) {
    const list = byEntity.get(r.entity_id) ?? [];
    list.push({ ...r, created_at: r.created_at.toISOString() });
    byEntity.set(r.entity_id, list);
  }
  return byEntity;
}

/** Groups rows by one key column. */
export function groupBy<T, K extends keyof T>(rows: readonly T[], key: K): Map<T[K], T[]> {
  const groups = new Map<T[K], T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]) ?? [];
    list.push(row);
    groups.set(row[key], list);
  }
  return groups;
}

/** A timestamptz as ISO 8601 text (tool output is plain JSON: it is checkpointed in graph state). */
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
