import type postgres from "postgres";
import {
  allOf,
  containsPattern,
  entityPage,
  latestScore,
  type EntityPage,
  type KeysetPage,
  type SortSpec,
} from "./api-entities.ts";
import { currentScores, type CurrentScore } from "./api-entities-scores.ts";

type Tx = postgres.TransactionSql;

/** An account as the API lists it. */
export interface AccountRow {
  id: string;
  external_id: string | null;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  segment: string | null;
  plan: string | null;
  mrr: number | null;
  arr: number | null;
  lifecycle_stage: string;
  owner_id: string | null;
  owner_name: string | null;
  customer_since: string | null;
  renewal_date: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Sort keys of the account list. `health` and `churn` are the latest health value and churn probability. */
export const ACCOUNT_SORTS = {
  name: { expr: (tx) => tx`lower(e.name)`, type: "text", nullable: false },
  updated: { expr: (tx) => tx`e.updated_at`, type: "timestamptz", nullable: false },
  created: { expr: (tx) => tx`e.created_at`, type: "timestamptz", nullable: false },
  arr: { expr: (tx) => tx`e.arr::float8`, type: "float8", nullable: true },
  renewal: { expr: (tx) => tx`e.renewal_date`, type: "date", nullable: true },
  health: { expr: (tx) => latestScore(tx, "account", "health", "value"), type: "float8", nullable: true },
  churn: { expr: (tx) => latestScore(tx, "account", "churn", "probability"), type: "float8", nullable: true },
} satisfies Record<string, SortSpec>;

export interface AccountFilter {
  ownerId?: string | undefined;
  region?: string | undefined;
  segment?: string | undefined;
  lifecycleStage?: string | undefined;
  /** Part of the name or domain, any case. */
  q?: string | undefined;
  /** The tier of the latest score of `scoreKind`. */
  tier?: { scoreKind: string; tier: string } | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, e.name, e.domain, e.industry, e.employees, e.country, e.region, e.segment, e.plan,
  e.mrr::float8 AS mrr, e.arr::float8 AS arr, e.lifecycle_stage, e.owner_id, o.name AS owner_name,
  to_char(e.customer_since, 'YYYY-MM-DD') AS customer_since, to_char(e.renewal_date, 'YYYY-MM-DD') AS renewal_date,
  e.created_at, e.updated_at`;

const FROM = (tx: Tx) => tx`accounts e LEFT JOIN users o ON o.id = e.owner_id`;

function where(tx: Tx, tenantId: string, f: AccountFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.ownerId) conds.push(tx`e.owner_id = ${f.ownerId}`);
  if (f.region) conds.push(tx`e.region = ${f.region}`);
  if (f.segment) conds.push(tx`e.segment = ${f.segment}`);
  if (f.lifecycleStage) conds.push(tx`e.lifecycle_stage = ${f.lifecycleStage}`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(tx`(e.name ILIKE ${p} OR coalesce(e.domain, '') ILIKE ${p})`);
  }
  if (f.tier) conds.push(tx`${latestScore(tx, "account", f.tier.scoreKind, "tier")} = ${f.tier.tier}`);
  return allOf(tx, conds);
}

/** A page of the tenant's accounts, each with its latest score of every kind. */
export function listAccounts(
  tx: Tx,
  tenantId: string,
  f: AccountFilter,
  page: KeysetPage,
): Promise<EntityPage<AccountRow>> {
  return entityPage<AccountRow>(
    tx,
    tenantId,
    "account",
    { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) },
    page,
  );
}

/** An account with its latest scores (and their reasons) and what hangs off it; null when unknown. */
export interface AccountDetail extends AccountRow {
  scores: CurrentScore[];
  counts: { contacts: number; open_deals: number; open_tickets: number; open_tasks: number };
}

export async function getAccount(tx: Tx, tenantId: string, id: string): Promise<AccountDetail | null> {
  const [row] = await tx<(AccountRow & AccountDetail["counts"])[]>`
    SELECT ${COLUMNS(tx)},
      (SELECT count(*)::int FROM contacts c WHERE c.tenant_id = e.tenant_id AND c.account_id = e.id) AS contacts,
      (SELECT count(*)::int FROM deals d WHERE d.tenant_id = e.tenant_id AND d.account_id = e.id AND d.status = 'open') AS open_deals,
      (SELECT count(*)::int FROM tickets k WHERE k.tenant_id = e.tenant_id AND k.account_id = e.id
         AND k.status IN ('open', 'pending', 'on_hold')) AS open_tickets,
      (SELECT count(*)::int FROM tasks t WHERE t.tenant_id = e.tenant_id AND t.entity_kind = 'account' AND t.entity_id = e.id
         AND t.status IN ('open', 'in_progress')) AS open_tasks
    FROM ${FROM(tx)} WHERE e.tenant_id = ${tenantId} AND e.id = ${id}`;
  if (!row) return null;
  const { contacts, open_deals, open_tickets, open_tasks, ...account } = row;
  return {
    ...account,
    scores: await currentScores(tx, tenantId, "account", id),
    counts: { contacts, open_deals, open_tickets, open_tasks },
  };
}
