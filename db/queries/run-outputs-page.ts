import type postgres from "postgres";
import type { RunOutputs } from "./outputs.ts";

/** The kinds of output a run writes, each paged on its own. */
export const OUTPUT_KINDS = ["scores", "tasks", "drafts"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

type Key = (string | number | null)[];

/** A row of one kind with the sort key its page's cursor is made of. */
export type PagedOutput =
  | (RunOutputs["scores"][number] & { sort: Key })
  | (RunOutputs["tasks"][number] & { sort: Key })
  | (RunOutputs["drafts"][number] & { sort: Key });

/**
 * One page of what a run wrote, of one kind, after the sort key `after` (keyset, never an
 * offset); `limit + 1` rows are read so the caller knows whether another page follows. Orders:
 * scores by score kind, then value (high first), then id; tasks by value (high first), then id;
 * drafts oldest first, then id. Run inside `withTenant`: row-level security keeps it to the tenant.
 */
export async function pageRunOutputs(
  tx: postgres.TransactionSql,
  runId: string,
  kind: OutputKind,
  page: { limit: number; after?: Key | undefined },
): Promise<PagedOutput[]> {
  const [a = null, b = null, c = null] = page.after ?? [];
  const first = page.after === undefined;
  if (kind === "scores") {
    const rows = await tx<(RunOutputs["scores"][number] & { sort_value: number })[]>`
      SELECT s.id, s.entity_kind, s.entity_id,
             coalesce(a.name, l.company, d.name, t.subject, c.first_name || ' ' || c.last_name) AS entity_name,
             s.kind, s.value::float8 AS value, s.probability::float8 AS probability, s.tier, s.reasons,
             s.model_version
      FROM scores s
      LEFT JOIN accounts a ON s.entity_kind = 'account' AND a.id = s.entity_id
      LEFT JOIN leads l ON s.entity_kind = 'lead' AND l.id = s.entity_id
      LEFT JOIN deals d ON s.entity_kind = 'deal' AND d.id = s.entity_id
      LEFT JOIN tickets t ON s.entity_kind = 'ticket' AND t.id = s.entity_id
      LEFT JOIN contacts c ON s.entity_kind = 'contact' AND c.id = s.entity_id
      WHERE s.run_id = ${runId}
        AND (${first} OR s.kind > ${a}::text
             OR (s.kind = ${a}::text AND (s.value::float8 < ${b}::float8
                 OR (s.value::float8 = ${b}::float8 AND s.id > ${c}::uuid))))
      ORDER BY s.kind, s.value::float8 DESC, s.id LIMIT ${page.limit + 1}`;
    return rows.map((r) => ({ ...r, sort: [r.kind, r.value, r.id] }));
  }
  if (kind === "tasks") {
    const rows = await tx<RunOutputs["tasks"]>`
      SELECT t.id, t.type, t.title, t.reason, t.priority_value::float8 AS priority_value, t.due_at,
             u.name AS assignee, t.status, tr.created, t.source_agent AS proposed_by_agent,
             t.run_id AS proposed_by_run_id, t.plan_id, t.assigned_run_id
      FROM task_runs tr JOIN tasks t ON t.id = tr.task_id LEFT JOIN users u ON u.id = t.assignee_id
      WHERE tr.run_id = ${runId}
        AND (${first} OR t.priority_value::float8 < ${a}::float8
             OR (t.priority_value::float8 = ${a}::float8 AND t.id > ${b}::uuid))
      ORDER BY t.priority_value::float8 DESC, t.id LIMIT ${page.limit + 1}`;
    return rows.map((r) => ({ ...r, sort: [r.priority_value, r.id] }));
  }
  const rows = await tx<(RunOutputs["drafts"][number] & { sort_at: string })[]>`
    SELECT id, status, channel, subject, body, evidence_ids, provider, created_at::text AS sort_at
    FROM drafts
    WHERE run_id = ${runId}
      AND (${first} OR (created_at, id) > (${a}::timestamptz, ${b}::uuid))
    ORDER BY created_at, id LIMIT ${page.limit + 1}`;
  return rows.map(({ sort_at, ...r }) => ({ ...r, sort: [sort_at, r.id] }));
}
