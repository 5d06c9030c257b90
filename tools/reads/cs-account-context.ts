import type postgres from "postgres";

/** An account's fields as the CS agent reads them. */
export interface CsAccount {
  id: string;
  name: string;
  segment: string | null;
  plan: string | null;
  seats_purchased: number | null;
  mrr: number | null;
  arr: number | null;
  lifecycle_stage: string;
  customer_since: string | null;
  renewal_date: string | null;
  owner_id: string | null;
  owner_name: string | null;
}

/** A contact and whether they may get a draft (email consent, no opt-out, an address). */
export interface CsContact {
  id: string;
  account_id: string;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  role: string | null;
  email: string | null;
  contactable: boolean;
}

/** An open ticket with the support agent's triage, when it has one. */
export interface CsOpenTicket {
  id: string;
  account_id: string;
  subject: string | null;
  status: string;
  priority: string | null;
  created_at: string;
  triage_priority: string | null;
  triage_sentiment: string | null;
}

/** A previous health score of the account (history, newest first). */
export interface CsHealthPoint {
  account_id: string;
  value: number;
  tier: string | null;
  created_at: string;
}

/** The latest draft to anyone at the account, by any agent (a frequency cap reads it). */
export interface CsLastDraft {
  account_id: string;
  id: string;
  status: string;
  created_at: string;
}

type Tx = postgres.TransactionSql;
// times as ISO 8601 text (`to_json(ts) #>> '{}'`): these rows travel in graph state as plain JSON

export function csAccounts(tx: Tx, t: string, ids: string[]): Promise<CsAccount[]> {
  return tx<CsAccount[]>`
    SELECT a.id, a.name, a.segment, a.plan, a.seats_purchased, a.mrr::float8 AS mrr, a.arr::float8 AS arr,
           a.lifecycle_stage, a.customer_since::text AS customer_since, a.renewal_date::text AS renewal_date,
           a.owner_id, u.name AS owner_name
    FROM accounts a LEFT JOIN users u ON u.id = a.owner_id
    WHERE a.tenant_id = ${t} AND a.id IN ${tx(ids)} ORDER BY a.id`;
}

export function csContacts(tx: Tx, t: string, ids: string[]): Promise<CsContact[]> {
  return tx<CsContact[]>`
    SELECT id, account_id, first_name, last_name, title, role, email,
           email_consent AND opted_out_at IS NULL AND email IS NOT NULL AS contactable
    FROM contacts WHERE tenant_id = ${t} AND account_id IN ${tx(ids)}
    ORDER BY account_id, created_at, id`;
}

/** Up to `perAccount` open tickets of each account, newest first. */
export function csOpenTickets(tx: Tx, t: string, ids: string[], perAccount = 10): Promise<CsOpenTicket[]> {
  return tx<CsOpenTicket[]>`
    SELECT id, account_id, subject, status, priority, created_at, triage_priority, triage_sentiment FROM (
      SELECT id, account_id, subject, status, priority, to_json(created_at) #>> '{}' AS created_at,
             triage -> 'priority' ->> 'value' AS triage_priority,
             triage -> 'sentiment' ->> 'value' AS triage_sentiment,
             row_number() OVER (PARTITION BY account_id ORDER BY created_at DESC, id) AS n
      FROM tickets
      WHERE tenant_id = ${t} AND account_id IN ${tx(ids)} AND status IN ('open', 'pending', 'on_hold')) x
    WHERE n <= ${perAccount} ORDER BY account_id, n`;
}

/** The latest `perAccount` health scores of each account, leaving out those of `runId`. */
export function csHealthHistory(
  tx: Tx,
  t: string,
  ids: string[],
  runId: string | null,
  perAccount: number,
): Promise<CsHealthPoint[]> {
  return tx<CsHealthPoint[]>`
    SELECT account_id, value, tier, created_at FROM (
      SELECT entity_id AS account_id, value::float8 AS value, tier, to_json(created_at) #>> '{}' AS created_at,
             row_number() OVER (PARTITION BY entity_id ORDER BY created_at DESC, id) AS n
      FROM scores
      WHERE tenant_id = ${t} AND entity_kind = 'account' AND kind = 'health' AND entity_id IN ${tx(ids)}
        AND run_id IS DISTINCT FROM ${runId}) x
    WHERE n <= ${perAccount} ORDER BY account_id, n`;
}

/** The newest draft of each account, leaving out those of `runId` (a retry must not cap itself). */
export function csLastDrafts(tx: Tx, t: string, ids: string[], runId: string | null): Promise<CsLastDraft[]> {
  return tx<CsLastDraft[]>`
    SELECT DISTINCT ON (account_id) account_id, id, status, to_json(created_at) #>> '{}' AS created_at
    FROM drafts
    WHERE tenant_id = ${t} AND account_id IN ${tx(ids)} AND run_id IS DISTINCT FROM ${runId}
    ORDER BY account_id, created_at DESC, id`;
}
