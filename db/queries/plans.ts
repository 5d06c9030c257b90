import type postgres from "postgres";
import { recordTaskRuns } from "./task-runs.ts";

type Tx = postgres.TransactionSql;
type Db = postgres.Sql | postgres.TransactionSql;

/** A plan row (migration 0012). */
export interface PlanRow {
  id: string;
  tenant_id: string;
  plan_date: string;
  run_id: string | null;
  status: "proposing" | "solved" | "failed";
  as_of: Date;
  method: "mip" | "greedy" | null;
  solver_status: string | null;
  objective: number | null;
  bound: number | null;
  bound_source: string | null;
  gap: number | null;
  solve_ms: number | null;
  fallback: string | null;
  stats: Record<string, unknown>;
  created_at: Date;
  solved_at: Date | null;
}

const PLAN_COLUMNS = `id, tenant_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, run_id, status, as_of, method,
  solver_status, objective, bound, bound_source, gap, solve_ms, fallback, stats, created_at, solved_at`;

/**
 * Opens the tenant's plan of `planDate` for a (new) run: the same day's plan row is reused, its
 * earlier candidates dropped (the run proposes again) and its result kept until the new one replaces it.
 */
export async function openPlan(
  tx: Tx,
  plan: { tenantId: string; planDate: string; runId: string; asOf: string },
): Promise<PlanRow> {
  const [row] = await tx<PlanRow[]>`
    INSERT INTO plans (tenant_id, plan_date, run_id, as_of)
    VALUES (${plan.tenantId}, ${plan.planDate}, ${plan.runId}, ${plan.asOf})
    ON CONFLICT (tenant_id, plan_date) DO UPDATE SET run_id = EXCLUDED.run_id, as_of = EXCLUDED.as_of,
      status = 'proposing'
    RETURNING ${tx.unsafe(PLAN_COLUMNS)}`;
  await tx`DELETE FROM plan_candidates WHERE plan_id = ${row!.id}`;
  return row!;
}

/** A plan by id, or null (another tenant's plan reads as null under row-level security). */
export async function getPlan(db: Db, tenantId: string, planId: string): Promise<PlanRow | null> {
  const [row] = await db<PlanRow[]>`
    SELECT ${db.unsafe(PLAN_COLUMNS)} FROM plans WHERE tenant_id = ${tenantId} AND id = ${planId}`;
  return row ?? null;
}

/** The tenant's plan of a day, or null. */
export async function planOfDate(db: Db, tenantId: string, planDate: string): Promise<PlanRow | null> {
  const [row] = await db<PlanRow[]>`
    SELECT ${db.unsafe(PLAN_COLUMNS)} FROM plans WHERE tenant_id = ${tenantId} AND plan_date = ${planDate}`;
  return row ?? null;
}

/** The book in batches: every account id, and open leads without an account, in id order. */
export async function bookIds(tx: Tx, tenantId: string): Promise<{ accounts: string[]; leads: string[] }> {
  const accounts = await tx<{ id: string }[]>`
    SELECT id FROM accounts WHERE tenant_id = ${tenantId} ORDER BY id`;
  const leads = await tx<{ id: string }[]>`
    SELECT id FROM leads
    WHERE tenant_id = ${tenantId} AND account_id IS NULL AND status NOT IN ('converted', 'unqualified')
    ORDER BY id`;
  return { accounts: accounts.map((r) => r.id), leads: leads.map((r) => r.id) };
}

/** The open leads and open deals of a batch's accounts, plus the batch's own account-less leads. */
export async function batchEntities(
  tx: Tx,
  tenantId: string,
  accountIds: string[],
  leadIds: string[],
): Promise<{ leadIds: string[]; dealIds: string[] }> {
  const leads =
    accountIds.length + leadIds.length === 0
      ? []
      : await tx<{ id: string }[]>`
          SELECT id FROM leads
          WHERE tenant_id = ${tenantId} AND status NOT IN ('converted', 'unqualified')
            AND (${accountIds.length > 0 ? tx`account_id IN ${tx(accountIds)}` : tx`false`}
                 OR ${leadIds.length > 0 ? tx`id IN ${tx(leadIds)}` : tx`false`})
          ORDER BY id`;
  const deals =
    accountIds.length === 0
      ? []
      : await tx<{ id: string }[]>`
          SELECT id FROM deals
          WHERE tenant_id = ${tenantId} AND status = 'open' AND account_id IN ${tx(accountIds)}
          ORDER BY id`;
  return { leadIds: leads.map((r) => r.id), dealIds: deals.map((r) => r.id) };
}

/** A contact's recent campaign response, with its account's value and owner. */
export interface CampaignResponseRow {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  account_id: string;
  account_name: string;
  arr: number | null;
  owner_id: string | null;
  campaign_id: string;
  campaign_name: string;
  status: "clicked" | "responded";
  at: Date;
  contactable: boolean;
}

/**
 * Each contact of the batch's accounts whose latest campaign click or response falls in
 * [since, asOf]: the strongest one per contact (responded over clicked, then the latest).
 */
export function campaignResponses(
  tx: Tx,
  tenantId: string,
  accountIds: string[],
  window: { since: string; asOf: string },
): Promise<CampaignResponseRow[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  return tx<CampaignResponseRow[]>`
    SELECT DISTINCT ON (c.id) c.id AS contact_id, c.first_name, c.last_name, a.id AS account_id,
           a.name AS account_name, a.arr::float8 AS arr, a.owner_id, cp.id AS campaign_id,
           cp.name AS campaign_name, m.status, coalesce(m.responded_at, m.touched_at) AS at,
           (c.email_consent AND c.opted_out_at IS NULL) AS contactable
    FROM campaign_members m
    JOIN contacts c ON c.id = m.contact_id
    JOIN accounts a ON a.id = c.account_id
    JOIN campaigns cp ON cp.id = m.campaign_id
    WHERE m.tenant_id = ${tenantId} AND a.id IN ${tx(accountIds)} AND m.status IN ('clicked', 'responded')
      AND coalesce(m.responded_at, m.touched_at) BETWEEN ${window.since} AND ${window.asOf}
    ORDER BY c.id, (m.status = 'responded') DESC, coalesce(m.responded_at, m.touched_at) DESC, m.id`;
}

/** A task as a planner batch writes it (the fields of propose_task, plus its source and owner). */
export interface PlanTaskWrite {
  source: string;
  type: string;
  title: string;
  reason: string;
  entity_kind: string;
  entity_id: string;
  priority_value: number;
  estimated_minutes: number;
  required_skill: string | null;
  due_at: string | null;
  evidence_ids: string[];
  dedupe_key: string;
  owner_id: string | null;
  idempotency_key: string;
}

/**
 * Writes one proposed task as propose_task does — a retry finds the row its key wrote, otherwise
 * an open task with the same dedupe key is updated (a person's or a plan's assignment kept) — and
 * records it as a candidate of the plan. Returns the task id and whether it was created.
 */
export async function upsertPlanTask(
  tx: Tx,
  ids: { tenantId: string; runId: string; planId: string; batchKey: string },
  t: PlanTaskWrite,
): Promise<{ id: string; created: boolean }> {
  const fields = {
    title: t.title,
    reason: t.reason,
    priority_value: t.priority_value,
    estimated_minutes: t.estimated_minutes,
    required_skill: t.required_skill,
    due_at: t.due_at,
    evidence_ids: t.evidence_ids,
  };
  const [mine] = await tx<{ id: string }[]>`
    SELECT id FROM tasks WHERE tenant_id = ${ids.tenantId} AND idempotency_key = ${t.idempotency_key}`;
  let result: { id: string; created: boolean };
  if (mine) {
    await tx`UPDATE tasks SET ${tx(fields)}, assignee_id = coalesce(assignee_id, ${t.owner_id}), updated_at = now()
             WHERE id = ${mine.id} AND status IN ('open', 'in_progress')`;
    result = { id: mine.id, created: false };
  } else {
    const [row] = await tx<{ id: string; created: boolean }[]>`
      INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, priority_value, estimated_minutes,
                         required_skill, due_at, dedupe_key, evidence_ids, source_agent, run_id, idempotency_key,
                         assignee_id)
      VALUES (${ids.tenantId}, ${t.type}, ${t.title}, ${t.reason}, ${t.entity_kind}, ${t.entity_id}, ${t.priority_value},
              ${t.estimated_minutes}, ${t.required_skill}, ${t.due_at}, ${t.dedupe_key}, ${t.evidence_ids}, ${t.source},
              ${ids.runId}, ${t.idempotency_key}, ${t.owner_id})
      ON CONFLICT (tenant_id, dedupe_key) WHERE status IN ('open', 'in_progress') DO UPDATE SET
        title = EXCLUDED.title, reason = EXCLUDED.reason, priority_value = EXCLUDED.priority_value,
        estimated_minutes = EXCLUDED.estimated_minutes, required_skill = EXCLUDED.required_skill,
        due_at = EXCLUDED.due_at, evidence_ids = EXCLUDED.evidence_ids,
        assignee_id = coalesce(tasks.assignee_id, EXCLUDED.assignee_id), updated_at = now()
      RETURNING id, (xmax = 0) AS created`;
    result = row!;
  }
  await recordTaskRuns(tx, ids.tenantId, ids.runId, [
    { taskId: result.id, agent: t.source, created: result.created },
  ]);
  await tx`
    INSERT INTO plan_candidates (tenant_id, plan_id, task_id, source, owner_id, expected_value, batch_key)
    VALUES (${ids.tenantId}, ${ids.planId}, ${result.id}, ${t.source}, ${t.owner_id}, ${t.priority_value}, ${ids.batchKey})
    ON CONFLICT (plan_id, task_id) DO UPDATE SET source = EXCLUDED.source, owner_id = EXCLUDED.owner_id,
      expected_value = greatest(plan_candidates.expected_value, EXCLUDED.expected_value), batch_key = EXCLUDED.batch_key`;
  return result;
}

/** A candidate task with what the planner needs, still open. */
export interface CandidateRow {
  id: string;
  source: string;
  type: string;
  title: string;
  entity_kind: string;
  entity_id: string;
  expected_value: number;
  estimated_minutes: number;
  due_at: Date | null;
  required_skill: string | null;
  owner_id: string | null;
  owner_territories: string[];
}

/** A person the plan may assign work to. */
export interface RepRow {
  id: string;
  name: string;
  role: string;
  capacity_hours_per_day: number;
  skills: string[];
  territories: string[];
  time_zone: string;
}

/** The plan's open candidate tasks and the tenant's active people with capacity. */
export async function planInputs(
  tx: Tx,
  tenantId: string,
  planId: string,
): Promise<{ candidates: CandidateRow[]; reps: RepRow[] }> {
  const candidates = await tx<CandidateRow[]>`
    SELECT t.id, pc.source, t.type, t.title, t.entity_kind, t.entity_id, pc.expected_value,
           t.estimated_minutes, t.due_at, t.required_skill, pc.owner_id,
           coalesce(u.territories, '{}') AS owner_territories
    FROM plan_candidates pc
    JOIN tasks t ON t.id = pc.task_id
    LEFT JOIN users u ON u.id = pc.owner_id
    WHERE pc.tenant_id = ${tenantId} AND pc.plan_id = ${planId} AND t.status IN ('open', 'in_progress')
    ORDER BY t.id`;
  const reps = await tx<RepRow[]>`
    SELECT id, name, role, capacity_hours_per_day::float8 AS capacity_hours_per_day, skills, territories, time_zone
    FROM users WHERE tenant_id = ${tenantId} AND active AND capacity_hours_per_day > 0
    ORDER BY id`;
  return { candidates, reps };
}

/** One placement as stored. */
export interface AssignmentWrite {
  task_id: string;
  user_id: string;
  position: number;
  starts_at: string;
  ends_at: string;
  minutes: number;
  value: number;
  match: "owner" | "territory" | "pool";
}

/** The solved plan's summary, as the plan row stores it. */
export interface PlanResultWrite {
  method: "mip" | "greedy";
  solver_status: string;
  objective: number;
  bound: number;
  bound_source: string;
  gap: number;
  solve_ms: number;
  fallback: string | null;
  stats: Record<string, unknown>;
}

/**
 * Stores a solved plan in one transaction: its assignments replace the earlier ones, each placed
 * task gets its assignee and plan, a task this plan placed before but not now goes back to its
 * owner (as its proposal suggested), and the plan row records method, objective, bound and stats.
 */
export async function savePlanResult(
  tx: Tx,
  tenantId: string,
  planId: string,
  result: PlanResultWrite,
  assignments: AssignmentWrite[],
  unplaced: readonly { task_id: string; reason: string }[] = [],
): Promise<void> {
  await tx`DELETE FROM plan_assignments WHERE plan_id = ${planId}`;
  await tx`UPDATE plan_candidates SET unplaced_reason = NULL WHERE plan_id = ${planId} AND unplaced_reason IS NOT NULL`;
  for (let i = 0; i < unplaced.length; i += 1000) {
    const slice = unplaced.slice(i, i + 1000);
    await tx`
      UPDATE plan_candidates pc SET unplaced_reason = u.reason
      FROM unnest(${slice.map((u) => u.task_id)}::uuid[], ${slice.map((u) => u.reason)}::text[]) AS u(task_id, reason)
      WHERE pc.plan_id = ${planId} AND pc.task_id = u.task_id`;
  }
  const rows = assignments.map((a) => ({ tenant_id: tenantId, plan_id: planId, ...a }));
  for (let i = 0; i < rows.length; i += 1000) {
    await tx`INSERT INTO plan_assignments ${tx(rows.slice(i, i + 1000))}`;
  }
  await tx`
    UPDATE tasks t SET plan_id = NULL, assigned_run_id = NULL, assignee_id = pc.owner_id, updated_at = now()
    FROM plan_candidates pc
    WHERE t.tenant_id = ${tenantId} AND t.plan_id = ${planId} AND pc.plan_id = ${planId} AND pc.task_id = t.id
      AND t.status IN ('open', 'in_progress')
      AND NOT EXISTS (SELECT 1 FROM plan_assignments pa WHERE pa.plan_id = ${planId} AND pa.task_id = t.id)`;
  await tx`
    UPDATE tasks t SET assignee_id = pa.user_id, plan_id = ${planId}, assigned_run_id = p.run_id, updated_at = now()
    FROM plan_assignments pa, plans p
    WHERE pa.plan_id = ${planId} AND pa.task_id = t.id AND t.tenant_id = ${tenantId} AND p.id = ${planId}
      AND (t.assignee_id IS DISTINCT FROM pa.user_id OR t.plan_id IS DISTINCT FROM ${planId}::uuid
           OR t.assigned_run_id IS DISTINCT FROM p.run_id)`;
  await tx`
    UPDATE plans SET status = 'solved', method = ${result.method}, solver_status = ${result.solver_status},
      objective = ${result.objective}, bound = ${result.bound}, bound_source = ${result.bound_source},
      gap = ${result.gap}, solve_ms = ${result.solve_ms}, fallback = ${result.fallback},
      stats = ${tx.json(result.stats as postgres.JSONValue)}, solved_at = now()
    WHERE id = ${planId}`;
}

/** One placement with its task and person, for a rep's day. */
export interface PlanDayRow {
  user_id: string;
  user_name: string;
  role: string;
  time_zone: string;
  capacity_hours_per_day: number;
  position: number;
  starts_at: Date;
  ends_at: Date;
  minutes: number;
  value: number;
  match: string;
  task_id: string;
  type: string;
  title: string;
  source_agent: string;
  due_at: Date | null;
  priority_value: number;
}

/** A plan's placements, per person in order (people by name). */
export function planDays(db: Db, tenantId: string, planId: string): Promise<PlanDayRow[]> {
  return db<PlanDayRow[]>`
    SELECT pa.user_id, u.name AS user_name, u.role, u.time_zone, u.capacity_hours_per_day::float8 AS capacity_hours_per_day,
           pa.position, pa.starts_at, pa.ends_at, pa.minutes, pa.value, pa.match, t.id AS task_id, t.type,
           t.title, t.source_agent, t.due_at, t.priority_value::float8 AS priority_value
    FROM plan_assignments pa
    JOIN users u ON u.id = pa.user_id
    JOIN tasks t ON t.id = pa.task_id
    WHERE pa.tenant_id = ${tenantId} AND pa.plan_id = ${planId}
    ORDER BY u.name, u.id, pa.position`;
}
