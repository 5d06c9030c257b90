import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { activePeople, planTasksNow } from "../../../db/queries/web-plan.ts";

export type { PlanTaskNow } from "../../../db/queries/web-plan.ts";

/** What the plan page adds to GET /v1/plans/{date}: each task's reason and state now, and the people. */
export function planExtras(sql: postgres.Sql, tenantId: string, planId: string) {
  return withTenant(sql, tenantId, async (tx) => ({
    tasks: await planTasksNow(tx, planId),
    people: await activePeople(tx),
  }));
}
