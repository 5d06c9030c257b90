import type postgres from "postgres";
import type { AgentRun, RunStatus } from "./runs.ts";

/** Filters of the run list; each one given narrows it. */
export interface RunListFilter {
  agent?: string | undefined;
  status?: RunStatus | undefined;
  trigger?: string | undefined;
  targetKind?: string | undefined;
  targetId?: string | undefined;
  /** Created at or after. */
  createdFrom?: Date | undefined;
  /** Created before. */
  createdTo?: Date | undefined;
}

/** A run row with the sort key its page's cursor is made of (created_at as text keeps microseconds). */
export type ListedRun = AgentRun & { sort_at: string };

const where = (tx: postgres.TransactionSql, tenantId: string, f: RunListFilter) => tx`
  tenant_id = ${tenantId}
  AND (${f.agent ?? null}::text IS NULL OR agent = ${f.agent ?? null})
  AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null})
  AND (${f.trigger ?? null}::text IS NULL OR trigger = ${f.trigger ?? null})
  AND (${f.targetKind ?? null}::text IS NULL OR target->>'kind' = ${f.targetKind ?? null})
  AND (${f.targetId ?? null}::text IS NULL OR target->>'id' = ${f.targetId ?? null})
  AND (${f.createdFrom ?? null}::timestamptz IS NULL OR created_at >= ${f.createdFrom ?? null})
  AND (${f.createdTo ?? null}::timestamptz IS NULL OR created_at < ${f.createdTo ?? null})`;

/**
 * A page of the tenant's runs, newest first (created_at, then id, both descending), after the
 * cursor key `[created_at text, id]`; `limit + 1` rows are read so the caller knows whether
 * another page follows. `total` counts every run matching the filters. Run inside `withTenant`.
 */
export async function listRuns(
  tx: postgres.TransactionSql,
  tenantId: string,
  filter: RunListFilter,
  page: { limit: number; after?: (string | number | null)[] | undefined },
): Promise<{ rows: ListedRun[]; total: number }> {
  const [at = null, id = null] = page.after ?? [];
  const rows = await tx<ListedRun[]>`
    SELECT *, created_at::text AS sort_at FROM agent_runs
    WHERE ${where(tx, tenantId, filter)}
      AND (${page.after === undefined} OR (created_at, id) < (${at}::timestamptz, ${id}::uuid))
    ORDER BY created_at DESC, id DESC LIMIT ${page.limit + 1}`;
  const [count] = await tx<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs WHERE ${where(tx, tenantId, filter)}`;
  return { rows, total: count!.n };
}

/** What each of `runIds` wrote, by kind; a run that wrote nothing is 0 for every kind. Inside `withTenant`. */
export async function runOutputTotals(
  tx: postgres.TransactionSql,
  tenantId: string,
  runIds: readonly string[],
): Promise<Map<string, { scores: number; tasks: number; drafts: number }>> {
  const totals = new Map(runIds.map((id) => [id, { scores: 0, tasks: 0, drafts: 0 }]));
  if (runIds.length === 0) return totals;
  const ids = [...runIds];
  const rows = await tx<{ run_id: string; kind: "scores" | "tasks" | "drafts"; n: number }[]>`
    SELECT run_id, 'scores' AS kind, count(*)::int AS n FROM scores
      WHERE tenant_id = ${tenantId} AND run_id = ANY(${ids}::uuid[]) GROUP BY run_id
    UNION ALL
    SELECT run_id, 'tasks', count(*)::int FROM task_runs
      WHERE tenant_id = ${tenantId} AND run_id = ANY(${ids}::uuid[]) GROUP BY run_id
    UNION ALL
    SELECT run_id, 'drafts', count(*)::int FROM drafts
      WHERE tenant_id = ${tenantId} AND run_id = ANY(${ids}::uuid[]) GROUP BY run_id`;
  for (const r of rows) totals.get(r.run_id)![r.kind] = r.n;
  return totals;
}
