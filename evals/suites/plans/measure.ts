import type postgres from "postgres";

/** Independent checks of a stored plan (tables of migration 0012), not the planner's own summary. */
export interface PlanCheck {
  /** Each rep's assigned minutes against capacity_hours_per_day × 60. */
  load: { name: string; minutes: number; capacityMinutes: number; tasks: number }[];
  /** Reps assigned more minutes than their capacity, plus pairs of one rep's assignments that overlap in time. */
  overCapacity: string[];
  overlaps: number;
  hotLeads: { total: number; covered: number };
  atRiskAccounts: { total: number; covered: number };
}

/**
 * Reads a solved plan back from the store and checks it: load per rep against capacity, overlaps
 * in each rep's day, and which hot leads (latest lead score tier `hot`) and at-risk accounts (latest
 * health tier `at_risk` or churn tier `high`) have a task assigned in the plan — a task about the
 * lead or account itself, or about one of the account's deals, contacts or tickets.
 */
export async function checkPlan(sql: postgres.Sql, tenantId: string, planId: string): Promise<PlanCheck> {
  const load = await sql<{ name: string; minutes: number; capacityMinutes: number; tasks: number }[]>`
    SELECT u.name, coalesce(sum(a.minutes), 0)::int AS minutes,
           (u.capacity_hours_per_day * 60)::float8 AS "capacityMinutes", count(a.task_id)::int AS tasks
    FROM users u
    LEFT JOIN plan_assignments a ON a.user_id = u.id AND a.plan_id = ${planId}
    WHERE u.tenant_id = ${tenantId}
    GROUP BY u.id, u.name, u.capacity_hours_per_day
    HAVING count(a.task_id) > 0
    ORDER BY u.name`;
  const [overlap] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM plan_assignments a
    JOIN plan_assignments b ON b.plan_id = a.plan_id AND b.user_id = a.user_id AND a.task_id < b.task_id
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    WHERE a.plan_id = ${planId}`;
  const covered = await sql<{ kind: string; total: number; covered: number }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (entity_kind, entity_id, kind) entity_kind, entity_id, kind, tier
      FROM scores WHERE tenant_id = ${tenantId}
      ORDER BY entity_kind, entity_id, kind, created_at DESC
    ),
    wanted AS (
      SELECT DISTINCT 'lead' AS kind, entity_id AS id FROM latest WHERE kind = 'lead' AND tier = 'hot'
      UNION
      SELECT DISTINCT 'account', entity_id FROM latest
      WHERE (kind = 'health' AND tier = 'at_risk') OR (kind = 'churn' AND tier = 'high')
    ),
    assigned AS (
      SELECT t.entity_kind, t.entity_id,
             CASE t.entity_kind WHEN 'account' THEN t.entity_id
                                WHEN 'deal' THEN (SELECT account_id FROM deals WHERE id = t.entity_id)
                                WHEN 'contact' THEN (SELECT account_id FROM contacts WHERE id = t.entity_id)
                                WHEN 'ticket' THEN (SELECT account_id FROM tickets WHERE id = t.entity_id) END AS account_id
      FROM plan_assignments a JOIN tasks t ON t.id = a.task_id
      WHERE a.plan_id = ${planId}
    )
    SELECT w.kind, count(*)::int AS total,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM assigned s
             WHERE (w.kind = 'lead' AND s.entity_kind = 'lead' AND s.entity_id = w.id)
                OR (w.kind = 'account' AND s.account_id = w.id)))::int AS covered
    FROM wanted w GROUP BY w.kind`;
  const of = (kind: string) => {
    const row = covered.find((c) => c.kind === kind);
    return { total: row?.total ?? 0, covered: row?.covered ?? 0 };
  };
  return {
    load,
    overCapacity: load.filter((l) => l.minutes > l.capacityMinutes).map((l) => l.name),
    overlaps: overlap!.n,
    hotLeads: of("lead"),
    atRiskAccounts: of("account"),
  };
}
