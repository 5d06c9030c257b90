import type postgres from "postgres";
import type { Sql } from "../store.ts";

/** Read models of drafts for the API and the workspace inbox. List functions run inside `withTenant`. */

export type DraftStatus = "pending" | "approved" | "rejected" | "sent" | "closed";
export const DRAFT_STATUSES: readonly DraftStatus[] = ["pending", "approved", "rejected", "sent", "closed"];

export interface DraftRow {
  id: string;
  status: DraftStatus;
  /** What the person chose (an edit is an approval with their text); null while pending or closed. */
  decision: "approve" | "edit" | "reject" | null;
  channel: string;
  entity_kind: string;
  entity_id: string;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  subject: string | null;
  body: string;
  evidence_ids: string[];
  provider: string;
  agent: string;
  run_id: string | null;
  approver: string | null;
  decided_at: Date | null;
  /** The person's note, or why the draft was closed ("run cancelled"). */
  decision_note: string | null;
  created_at: Date;
}

/** The columns of a DraftRow, of `drafts` aliased `d`. */
export const DRAFT_COLUMNS = (tx: postgres.Sql | postgres.TransactionSql) => tx`
  d.id, d.status, d.decision, d.channel, d.entity_kind, d.entity_id, d.account_id, d.contact_id, d.lead_id,
  d.subject, d.body, d.evidence_ids, d.provider, d.agent, d.run_id, d.approver, d.decided_at, d.decision_note,
  d.created_at`;

export interface DraftFilter {
  agent?: string | undefined;
  channel?: string | undefined;
  status?: DraftStatus | undefined;
  runId?: string | undefined;
  /** The owner of the draft's account (or, for a lead without an account, of the lead). */
  ownerId?: string | undefined;
}

/** A keyset position in the newest-first order: the last row's `created_at` (full precision) and id. */
export type DraftCursor = [createdAt: string, id: string];

const where = (tx: postgres.TransactionSql, tenantId: string, f: DraftFilter) => tx`
  d.tenant_id = ${tenantId}
  ${f.agent ? tx`AND d.agent = ${f.agent}` : tx``}
  ${f.channel ? tx`AND d.channel = ${f.channel}` : tx``}
  ${f.status ? tx`AND d.status = ${f.status}` : tx``}
  ${f.runId ? tx`AND d.run_id = ${f.runId}` : tx``}
  ${
    f.ownerId
      ? tx`AND coalesce((SELECT a.owner_id FROM accounts a WHERE a.id = d.account_id),
                        (SELECT l.owner_id FROM leads l WHERE l.id = d.lead_id)) = ${f.ownerId}`
      : tx``
  }`;

/**
 * A page of drafts, newest first (ties by id), after `cursor`; `limit + 1` rows are read so the
 * caller knows whether another page follows. `total` counts every draft matching the filters.
 * Each row carries its `cursor` (created_at to the microsecond, and id).
 */
export async function listDrafts(
  tx: postgres.TransactionSql,
  tenantId: string,
  f: DraftFilter,
  page: { limit: number; cursor?: DraftCursor | undefined },
): Promise<{ rows: (DraftRow & { cursor: DraftCursor })[]; total: number }> {
  // ::text first: a timestamptz parameter would go through a JS Date and lose the microseconds
  const after = page.cursor
    ? tx`AND (d.created_at, d.id) < (${page.cursor[0]}::text::timestamptz, ${page.cursor[1]}::uuid)`
    : tx``;
  const rows = await tx<(DraftRow & { cursor_at: string })[]>`
    SELECT ${DRAFT_COLUMNS(tx)}, d.created_at::text AS cursor_at FROM drafts d
    WHERE ${where(tx, tenantId, f)} ${after}
    ORDER BY d.created_at DESC, d.id DESC LIMIT ${page.limit + 1}`;
  const [count] = await tx<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM drafts d WHERE ${where(tx, tenantId, f)}`;
  return {
    rows: rows.map(({ cursor_at, ...r }) => ({ ...r, cursor: [cursor_at, r.id] as DraftCursor })),
    total: count!.n,
  };
}

/** One draft of the tenant, or null. */
export async function getDraft(sql: Sql, tenantId: string, id: string): Promise<DraftRow | null> {
  const [row] = await sql<DraftRow[]>`
    SELECT ${DRAFT_COLUMNS(sql)} FROM drafts d WHERE d.tenant_id = ${tenantId} AND d.id = ${id}`;
  return row ?? null;
}

/** A run's decided drafts (approved, sent or rejected), each with its decision and outbox entry. */
export function runDecisions(
  sql: Sql,
  runId: string,
): Promise<
  {
    id: string;
    status: "approved" | "rejected";
    decision: "approve" | "edit" | "reject";
    outbox_id: string | null;
  }[]
> {
  return sql`
    SELECT d.id, CASE WHEN d.status = 'rejected' THEN 'rejected' ELSE 'approved' END AS status,
           coalesce(d.decision, CASE WHEN d.status = 'rejected' THEN 'reject' ELSE 'approve' END) AS decision,
           o.id AS outbox_id
    FROM drafts d LEFT JOIN outbox o ON o.draft_id = d.id
    WHERE d.run_id = ${runId} AND d.status IN ('approved', 'sent', 'rejected')
    ORDER BY d.created_at, d.id`;
}

/** Ids of a run's drafts still pending, oldest first. */
export async function pendingDraftIds(sql: Sql, tenantId: string, runId: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM drafts WHERE tenant_id = ${tenantId} AND run_id = ${runId} AND status = 'pending'
    ORDER BY created_at, id`;
  return rows.map((r) => r.id);
}
