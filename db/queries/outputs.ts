import type postgres from "postgres";

/** What one run produced, for people to read (CLI, API). */
export interface RunOutputs {
  scores: {
    id: string;
    entity_kind: string;
    entity_id: string;
    entity_name: string | null;
    kind: string;
    value: number;
    probability: number | null;
    tier: string | null;
    reasons: { factor: string; contribution: number; evidence_ids?: string[] }[];
    model_version: string;
  }[];
  tasks: {
    id: string;
    type: string;
    title: string;
    reason: string;
    priority_value: number;
    due_at: Date | null;
    assignee: string | null;
    status: string;
    /** True when this run created the task; false when it proposed an open task again. */
    created: boolean;
    /** Who proposed the task first: the agent and its run. */
    proposed_by_agent: string;
    proposed_by_run_id: string | null;
    /** The plan that assigned it and the planner run of that plan, if a plan placed it. */
    plan_id: string | null;
    assigned_run_id: string | null;
  }[];
  drafts: {
    id: string;
    status: string;
    channel: string;
    subject: string | null;
    body: string;
    evidence_ids: string[];
    provider: string;
  }[];
}

/** The scores (top `limit` per kind), tasks and drafts (`limit` of each) a run wrote, highest value first. */
export async function runOutputs(sql: postgres.Sql, runId: string, limit = 20): Promise<RunOutputs> {
  // the top `limit` of each score kind, so one kind's high values do not hide another kind
  const scores = await sql<RunOutputs["scores"]>`
    SELECT * FROM (
      SELECT s.id, s.entity_kind, s.entity_id,
             coalesce(a.name, l.company, d.name, t.subject, c.first_name || ' ' || c.last_name) AS entity_name,
             s.kind, s.value::float8 AS value, s.probability::float8 AS probability, s.tier, s.reasons,
             s.model_version, row_number() OVER (PARTITION BY s.kind ORDER BY s.value DESC, s.id) AS rank
      FROM scores s
      LEFT JOIN accounts a ON s.entity_kind = 'account' AND a.id = s.entity_id
      LEFT JOIN leads l ON s.entity_kind = 'lead' AND l.id = s.entity_id
      LEFT JOIN deals d ON s.entity_kind = 'deal' AND d.id = s.entity_id
      LEFT JOIN tickets t ON s.entity_kind = 'ticket' AND t.id = s.entity_id
      LEFT JOIN contacts c ON s.entity_kind = 'contact' AND c.id = s.entity_id
      WHERE s.run_id = ${runId}
    ) ranked WHERE rank <= ${limit} ORDER BY kind, value DESC, id`;
  // every task this run proposed (task_runs, migration 0016), also those an earlier run created
  const tasks = await sql<RunOutputs["tasks"]>`
    SELECT t.id, t.type, t.title, t.reason, t.priority_value::float8 AS priority_value, t.due_at,
           u.name AS assignee, t.status, tr.created, t.source_agent AS proposed_by_agent,
           t.run_id AS proposed_by_run_id, t.plan_id, t.assigned_run_id
    FROM task_runs tr JOIN tasks t ON t.id = tr.task_id LEFT JOIN users u ON u.id = t.assignee_id
    WHERE tr.run_id = ${runId} ORDER BY t.priority_value DESC, t.id LIMIT ${limit}`;
  const drafts = await sql<RunOutputs["drafts"]>`
    SELECT id, status, channel, subject, body, evidence_ids, provider
    FROM drafts WHERE run_id = ${runId} ORDER BY created_at, id LIMIT ${limit}`;
  return { scores, tasks, drafts };
}

/** How many scores, tasks and drafts a run wrote. */
export async function countRunOutputs(sql: postgres.Sql | postgres.TransactionSql, runId: string) {
  const [row] = await sql<{ scores: number; tasks: number; drafts: number }[]>`
    SELECT (SELECT count(*) FROM scores WHERE run_id = ${runId})::int AS scores,
           (SELECT count(*) FROM task_runs WHERE run_id = ${runId})::int AS tasks,
           (SELECT count(*) FROM drafts WHERE run_id = ${runId})::int AS drafts`;
  return row!;
}
