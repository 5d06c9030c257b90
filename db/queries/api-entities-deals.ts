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

type Tx = postgres.TransactionSql;

/** A deal as the API lists it. */
export interface DealRow {
  id: string;
  external_id: string | null;
  name: string;
  account_id: string | null;
  account_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  stage: string;
  status: string;
  amount: number | null;
  currency: string;
  probability: number | null;
  expected_close: string | null;
  next_step: string | null;
  stage_entered_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** Sort keys of the deal list. `win` is the latest win score's probability. */
export const DEAL_SORTS = {
  name: { expr: (tx) => tx`lower(e.name)`, type: "text", nullable: false },
  updated: { expr: (tx) => tx`e.updated_at`, type: "timestamptz", nullable: false },
  amount: { expr: (tx) => tx`e.amount::float8`, type: "float8", nullable: true },
  close: { expr: (tx) => tx`e.expected_close`, type: "date", nullable: true },
  win: { expr: (tx) => latestScore(tx, "deal", "win", "probability"), type: "float8", nullable: true },
} satisfies Record<string, SortSpec>;

export interface DealFilter {
  ownerId?: string | undefined;
  accountId?: string | undefined;
  stage?: string | undefined;
  status?: string[] | undefined;
  /** Part of the deal's or its account's name, any case. */
  q?: string | undefined;
  tier?: { scoreKind: string; tier: string } | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, e.name, e.account_id, a.name AS account_name, e.owner_id, o.name AS owner_name, e.stage,
  e.status, e.amount::float8 AS amount, e.currency, e.probability::float8 AS probability,
  to_char(e.expected_close, 'YYYY-MM-DD') AS expected_close, e.next_step, e.stage_entered_at, e.created_at, e.updated_at`;

const FROM = (tx: Tx) =>
  tx`deals e LEFT JOIN accounts a ON a.id = e.account_id LEFT JOIN users o ON o.id = e.owner_id`;

function where(tx: Tx, tenantId: string, f: DealFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.ownerId) conds.push(tx`e.owner_id = ${f.ownerId}`);
  if (f.accountId) conds.push(tx`e.account_id = ${f.accountId}`);
  if (f.stage) conds.push(tx`e.stage = ${f.stage}`);
  if (f.status) conds.push(tx`e.status = ANY(${f.status}::text[])`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(tx`(e.name ILIKE ${p} OR coalesce(a.name, '') ILIKE ${p})`);
  }
  if (f.tier) conds.push(tx`${latestScore(tx, "deal", f.tier.scoreKind, "tier")} = ${f.tier.tier}`);
  return allOf(tx, conds);
}

/** A page of the tenant's deals, each with its latest score of every kind. */
export function listDeals(
  tx: Tx,
  tenantId: string,
  f: DealFilter,
  page: KeysetPage,
): Promise<EntityPage<DealRow>> {
  return entityPage<DealRow>(
    tx,
    tenantId,
    "deal",
    { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) },
    page,
  );
}
