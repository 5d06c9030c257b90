import type postgres from "postgres";
import type { PlanRow } from "./plans.ts";

/** A page of the tenant's plans, newest day first (call inside `withTenant`). */
export async function listPlans(
  tx: postgres.TransactionSql,
  tenantId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: PlanRow[]; more: boolean }> {
  const rows = await tx<PlanRow[]>`
    SELECT id, tenant_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, run_id, status, as_of, method,
           solver_status, objective, bound, bound_source, gap, solve_ms, fallback, stats, created_at, solved_at
    FROM plans WHERE tenant_id = ${tenantId}
    ORDER BY plan_date DESC LIMIT ${page.limit + 1} OFFSET ${page.offset}`;
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}
