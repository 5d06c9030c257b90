import type postgres from "postgres";
import { DRAFT_COLUMNS, type DraftCursor, type DraftRow } from "./draft-list.ts";

export interface WaitingRunRow {
  run_id: string;
  agent: string;
  target: Record<string, unknown>;
  created_at: Date;
  drafts: DraftRow[];
}

/**
 * Runs that wait for a person (interrupted, with pending drafts), oldest first (created_at, id),
 * after `cursor` (`limit + 1` read), each with the drafts it still waits on (the ones decided so
 * far are left out); `total` counts every waiting run.
 */
export async function waitingRuns(
  tx: postgres.TransactionSql,
  tenantId: string,
  page: { limit: number; cursor?: DraftCursor | undefined },
): Promise<{ rows: (WaitingRunRow & { cursor: DraftCursor })[]; total: number }> {
  const waiting = tx`r.tenant_id = ${tenantId} AND r.status = 'interrupted'
    AND EXISTS (SELECT 1 FROM drafts d WHERE d.run_id = r.id AND d.status = 'pending')`;
  // ::text first: a timestamptz parameter would go through a JS Date and lose the microseconds
  const after = page.cursor
    ? tx`AND (r.created_at, r.id) > (${page.cursor[0]}::text::timestamptz, ${page.cursor[1]}::uuid)`
    : tx``;
  const runs = await tx<(Omit<WaitingRunRow, "drafts"> & { cursor_at: string })[]>`
    SELECT r.id AS run_id, r.agent, r.target, r.created_at, r.created_at::text AS cursor_at FROM agent_runs r
    WHERE ${waiting} ${after}
    ORDER BY r.created_at, r.id LIMIT ${page.limit + 1}`;
  const [count] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM agent_runs r WHERE ${waiting}`;
  const drafts = runs.length
    ? await tx<DraftRow[]>`
        SELECT ${DRAFT_COLUMNS(tx)} FROM drafts d
        WHERE d.tenant_id = ${tenantId} AND d.status = 'pending' AND d.run_id = ANY(${runs.map((r) => r.run_id)}::uuid[])
        ORDER BY d.created_at, d.id`
    : [];
  return {
    rows: runs.map(({ cursor_at, ...r }) => ({
      ...r,
      drafts: drafts.filter((d) => d.run_id === r.run_id),
      cursor: [cursor_at, r.run_id] as DraftCursor,
    })),
    total: count!.n,
  };
}

/**
 * Interrupted runs (every tenant: system work) whose drafts are all decided — their resume job
 * was queued but lost (the in-process runner stopped first) — to be queued again.
 */
export function decidedWaitingRuns(sql: postgres.Sql): Promise<{ id: string; tenant_id: string }[]> {
  return sql`
    SELECT r.id, r.tenant_id FROM agent_runs r
    WHERE r.status = 'interrupted'
      AND EXISTS (SELECT 1 FROM drafts d WHERE d.run_id = r.id AND d.status IN ('approved', 'rejected', 'sent'))
      AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.run_id = r.id AND d.status = 'pending')
    ORDER BY r.created_at, r.id`;
}
