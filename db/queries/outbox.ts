import type postgres from "postgres";

/**
 * The outbox as a delivery integration reads it: approved drafts waiting to be sent (not yet
 * delivered), oldest first, so what was approved first goes out first. Runs inside `withTenant`.
 */

export interface OutboxRow {
  id: string;
  draft_id: string;
  agent: string;
  channel: string;
  run_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  /** The address it goes to (checked against consent at approval). */
  to: string | null;
  subject: string | null;
  body: string;
  /** Who approved it, and when. */
  approver: string | null;
  decision: "approve" | "edit" | null;
  approved_at: Date | null;
  created_at: Date;
}

export interface OutboxFilter {
  agent?: string | undefined;
  channel?: string | undefined;
}

/** A keyset position in the oldest-first order: created_at (to the microsecond) and id. */
export type OutboxCursor = [createdAt: string, id: string];

const where = (tx: postgres.TransactionSql, tenantId: string, f: OutboxFilter) => tx`
  o.tenant_id = ${tenantId} AND o.delivered_at IS NULL
  ${f.agent ? tx`AND d.agent = ${f.agent}` : tx``}
  ${f.channel ? tx`AND d.channel = ${f.channel}` : tx``}`;

/** A page of the waiting outbox after `cursor` (`limit + 1` rows read), and the total waiting. */
export async function listOutbox(
  tx: postgres.TransactionSql,
  tenantId: string,
  f: OutboxFilter,
  page: { limit: number; cursor?: OutboxCursor | undefined },
): Promise<{ rows: (OutboxRow & { cursor: OutboxCursor })[]; total: number }> {
  // ::text first: a timestamptz parameter would go through a JS Date and lose the microseconds
  const after = page.cursor
    ? tx`AND (o.created_at, o.id) > (${page.cursor[0]}::text::timestamptz, ${page.cursor[1]}::uuid)`
    : tx``;
  const rows = await tx<(OutboxRow & { cursor_at: string })[]>`
    SELECT o.id, o.draft_id, d.agent, d.channel, d.run_id, d.account_id, d.contact_id, d.lead_id,
           o.payload->>'to' AS "to", o.payload->>'subject' AS subject, o.payload->>'body' AS body,
           d.approver, d.decision, d.decided_at AS approved_at, o.created_at, o.created_at::text AS cursor_at
    FROM outbox o JOIN drafts d ON d.id = o.draft_id
    WHERE ${where(tx, tenantId, f)} ${after}
    ORDER BY o.created_at, o.id LIMIT ${page.limit + 1}`;
  const [count] = await tx<{ n: number }[]>`
    SELECT count(*)::int AS n FROM outbox o JOIN drafts d ON d.id = o.draft_id WHERE ${where(tx, tenantId, f)}`;
  return {
    rows: rows.map(({ cursor_at, ...r }) => ({ ...r, cursor: [cursor_at, r.id] as OutboxCursor })),
    total: count!.n,
  };
}
