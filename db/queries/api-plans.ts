import type postgres from "postgres";
import type { PlanRow } from "./plans.ts";

/** A page of the tenant's plans, newest day first (call inside `withTenant`). */
export async function listPlans(
  tx: postgres.TransactionSql,
  tenantId: string,
  page: { limit: number; after?: readonly (string | number | null)[] | undefined },
): Promise<{ rows: PlanRow[]; total: number }> {
  const [day = null, id = null] = page.after ?? [];
  const rows = await tx<PlanRow[]>`
    SELECT id, tenant_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, run_id, status, as_of, method,
           solver_status, objective, bound, bound_source, gap, solve_ms, fallback, stats, created_at, solved_at
    FROM plans WHERE tenant_id = ${tenantId}
      AND (${page.after === undefined} OR (plan_date, id) < (${day}::date, ${id}::uuid))
    ORDER BY plan_date DESC, id DESC LIMIT ${page.limit + 1}`;
  const [count] = await tx<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM plans WHERE tenant_id = ${tenantId}`;
  return { rows, total: count!.n };
}
