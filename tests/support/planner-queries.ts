import type postgres from "postgres";

/** One stored placement with its task, person and candidate facts (read as the system role). */
export interface PlacedRow {
  plan_id: string;
  task_id: string;
  user_id: string;
  position: number;
  starts_at: Date;
  ends_at: Date;
  minutes: number;
  match: string;
  value: number;
  role: string;
  skills: string[];
  time_zone: string;
  capacity: number;
  type: string;
  due_at: Date | null;
  required_skill: string | null;
  assignee_id: string | null;
  task_plan_id: string | null;
  source: string;
  owner_id: string | null;
  expected_value: number;
}

export function placements(sql: postgres.Sql, planId: string): Promise<PlacedRow[]> {
  return sql<PlacedRow[]>`
    SELECT pa.plan_id, pa.task_id, pa.user_id, pa.position, pa.starts_at, pa.ends_at, pa.minutes, pa.match, pa.value,
           u.role, u.skills, u.time_zone, (u.capacity_hours_per_day * 60)::float8 AS capacity, t.type, t.due_at,
           t.required_skill, t.assignee_id, t.plan_id AS task_plan_id, pc.source, pc.owner_id, pc.expected_value
    FROM plan_assignments pa
    JOIN users u ON u.id = pa.user_id
    JOIN tasks t ON t.id = pa.task_id
    JOIN plan_candidates pc ON pc.plan_id = pa.plan_id AND pc.task_id = pa.task_id
    WHERE pa.plan_id = ${planId}
    ORDER BY pa.user_id, pa.position`;
}

/** Tasks of the tenant and how many distinct open dedupe keys they have. */
export async function taskCounts(sql: postgres.Sql, tenantId: string) {
  const [row] = await sql<{ tasks: number; open: number; open_keys: number }[]>`
    SELECT count(*)::int AS tasks,
           count(*) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open,
           count(DISTINCT dedupe_key) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open_keys
    FROM tasks WHERE tenant_id = ${tenantId}`;
  return row!;
}

/** Per person: minutes placed and capacity minutes, for every person with a placement. */
export function loads(sql: postgres.Sql, planId: string) {
  return sql<{ user_id: string; minutes: number; capacity: number }[]>`
    SELECT pa.user_id, sum(pa.minutes)::int AS minutes, (max(u.capacity_hours_per_day) * 60)::float8 AS capacity
    FROM plan_assignments pa JOIN users u ON u.id = pa.user_id
    WHERE pa.plan_id = ${planId} GROUP BY pa.user_id`;
}

export function planRow(sql: postgres.Sql, planId: string) {
  return sql<
    {
      id: string;
      status: string;
      method: string;
      objective: number;
      bound: number;
      fallback: string | null;
      stats: Record<string, unknown>;
      run_id: string;
    }[]
  >`
    SELECT id, status, method, objective, bound, fallback, stats, run_id FROM plans WHERE id = ${planId}`.then(
    (r) => r[0]!,
  );
}
