import type postgres from "postgres";
import {
  allOf,
  containsPattern,
  entityPage,
  type EntityPage,
  type KeysetPage,
  type SortSpec,
} from "./api-entities.ts";

type Tx = postgres.TransactionSql;

/** A ticket as the API lists it (without its body). */
export interface TicketRow {
  id: string;
  external_id: string | null;
  subject: string | null;
  status: string;
  priority: string | null;
  queue: string | null;
  category: string | null;
  channel: string | null;
  language: string | null;
  account_id: string | null;
  account_name: string | null;
  contact_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  sla_first_response_minutes: number | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Sort keys of the ticket list. `priority` ranks critical > high > medium > low > none. */
export const TICKET_SORTS = {
  created: { expr: (tx) => tx`e.created_at`, type: "timestamptz", nullable: false },
  updated: { expr: (tx) => tx`e.updated_at`, type: "timestamptz", nullable: false },
  priority: {
    expr: (tx) =>
      tx`(CASE e.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END)::float8`,
    type: "float8",
    nullable: true,
  },
} satisfies Record<string, SortSpec>;

export interface TicketFilter {
  status?: string[] | undefined;
  priority?: string | undefined;
  queue?: string | undefined;
  assigneeId?: string | undefined;
  accountId?: string | undefined;
  /** Part of the subject, any case. */
  q?: string | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, e.subject, e.status, e.priority, e.queue, e.category, e.channel, e.language, e.account_id,
  a.name AS account_name, e.contact_id, e.assignee_id, u.name AS assignee_name, e.sla_first_response_minutes,
  e.first_response_at, e.resolved_at, e.created_at, e.updated_at`;

const FROM = (tx: Tx) =>
  tx`tickets e LEFT JOIN accounts a ON a.id = e.account_id LEFT JOIN users u ON u.id = e.assignee_id`;

function where(tx: Tx, tenantId: string, f: TicketFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.status) conds.push(tx`e.status = ANY(${f.status}::text[])`);
  if (f.priority) conds.push(tx`e.priority = ${f.priority}`);
  if (f.queue) conds.push(tx`e.queue = ${f.queue}`);
  if (f.assigneeId) conds.push(tx`e.assignee_id = ${f.assigneeId}`);
  if (f.accountId) conds.push(tx`e.account_id = ${f.accountId}`);
  if (f.q) conds.push(tx`coalesce(e.subject, '') ILIKE ${containsPattern(f.q)}`);
  return allOf(tx, conds);
}

/** A page of the tenant's tickets, each with its latest score of every kind. */
export function listTickets(
  tx: Tx,
  tenantId: string,
  f: TicketFilter,
  page: KeysetPage,
): Promise<EntityPage<TicketRow>> {
  return entityPage<TicketRow>(
    tx,
    tenantId,
    "ticket",
    { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) },
    page,
  );
}
