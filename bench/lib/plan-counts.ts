import type postgres from "postgres";

/** The size of a tenant's book: what a nightly plan works over. */
export async function bookCounts(sql: postgres.Sql, tenantId: string) {
  const [row] = await sql<
    {
      accounts: number;
      leads: number;
      openLeads: number;
      tickets: number;
      openTickets: number;
      deals: number;
    }[]
  >`
    SELECT (SELECT count(*) FROM accounts WHERE tenant_id = ${tenantId})::int AS accounts,
           (SELECT count(*) FROM leads WHERE tenant_id = ${tenantId})::int AS leads,
           (SELECT count(*) FROM leads WHERE tenant_id = ${tenantId}
              AND status NOT IN ('converted', 'unqualified'))::int AS "openLeads",
           (SELECT count(*) FROM tickets WHERE tenant_id = ${tenantId})::int AS tickets,
           (SELECT count(*) FROM tickets WHERE tenant_id = ${tenantId}
              AND status IN ('open', 'pending', 'on_hold'))::int AS "openTickets",
           (SELECT count(*) FROM deals WHERE tenant_id = ${tenantId})::int AS deals`;
  return row!;
}

export interface PlanOutputs {
  method: string;
  status: string;
  gap: number;
  candidates: number;
  tasks: number;
  assignments: number;
}

/** What a stored plan produced: its candidates, the tasks they are, and the assignments. */
export async function planOutputs(sql: postgres.Sql, tenantId: string, planId: string): Promise<PlanOutputs> {
  const [row] = await sql<PlanOutputs[]>`
    SELECT p.method, p.solver_status AS status, coalesce(p.gap, 0)::float8 AS gap,
           (SELECT count(*) FROM plan_candidates c WHERE c.plan_id = p.id)::int AS candidates,
           (SELECT count(DISTINCT c.task_id) FROM plan_candidates c WHERE c.plan_id = p.id)::int AS tasks,
           (SELECT count(*) FROM plan_assignments a WHERE a.plan_id = p.id)::int AS assignments
    FROM plans p WHERE p.tenant_id = ${tenantId} AND p.id = ${planId}`;
  if (!row) throw new Error(`plan ${planId} not found`);
  return row;
}

/** Deletes a tenant's plans and tasks (a reused bench book planned again as on its first night). */
export async function clearPlans(sql: postgres.Sql, tenantId: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`DELETE FROM plans WHERE tenant_id = ${tenantId}`;
    await tx`DELETE FROM tasks WHERE tenant_id = ${tenantId}`;
  });
}
