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

/** A lead as the API lists it. `name` is the person's name, else the company, else the e-mail. */
export interface LeadRow {
  id: string;
  external_id: string | null;
  name: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company: string | null;
  title: string | null;
  employees: number | null;
  country: string | null;
  source: string | null;
  status: string;
  account_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  do_not_contact: boolean;
  opted_out_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const NAME = (tx: Tx) =>
  tx`coalesce(nullif(trim(concat_ws(' ', e.first_name, e.last_name)), ''), e.company, e.email, '')`;

/** Sort keys of the lead list. `score` is the latest lead score's value. */
export const LEAD_SORTS = {
  name: { expr: (tx) => tx`lower(${NAME(tx)})`, type: "text", nullable: false },
  updated: { expr: (tx) => tx`e.updated_at`, type: "timestamptz", nullable: false },
  created: { expr: (tx) => tx`e.created_at`, type: "timestamptz", nullable: false },
  score: { expr: (tx) => latestScore(tx, "lead", "lead", "value"), type: "float8", nullable: true },
} satisfies Record<string, SortSpec>;

export interface LeadFilter {
  ownerId?: string | undefined;
  accountId?: string | undefined;
  status?: string[] | undefined;
  source?: string | undefined;
  country?: string | undefined;
  /** Part of the name, company or e-mail, any case. */
  q?: string | undefined;
  tier?: { scoreKind: string; tier: string } | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, ${NAME(tx)} AS name, e.first_name, e.last_name, e.email, e.company, e.title, e.employees,
  e.country, e.source, e.status, e.account_id, e.owner_id, o.name AS owner_name, e.do_not_contact, e.opted_out_at,
  e.created_at, e.updated_at`;

const FROM = (tx: Tx) => tx`leads e LEFT JOIN users o ON o.id = e.owner_id`;

function where(tx: Tx, tenantId: string, f: LeadFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.ownerId) conds.push(tx`e.owner_id = ${f.ownerId}`);
  if (f.accountId) conds.push(tx`e.account_id = ${f.accountId}`);
  if (f.status) conds.push(tx`e.status = ANY(${f.status}::text[])`);
  if (f.source) conds.push(tx`e.source = ${f.source}`);
  if (f.country) conds.push(tx`e.country = ${f.country}`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(
      tx`(concat_ws(' ', e.first_name, e.last_name) ILIKE ${p} OR coalesce(e.company, '') ILIKE ${p}
          OR coalesce(e.email, '') ILIKE ${p})`,
    );
  }
  if (f.tier) conds.push(tx`${latestScore(tx, "lead", f.tier.scoreKind, "tier")} = ${f.tier.tier}`);
  return allOf(tx, conds);
}

/** A page of the tenant's leads, each with its latest score of every kind. */
export function listLeads(
  tx: Tx,
  tenantId: string,
  f: LeadFilter,
  page: KeysetPage,
): Promise<EntityPage<LeadRow>> {
  return entityPage<LeadRow>(
    tx,
    tenantId,
    "lead",
    { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) },
    page,
  );
}

/** A lead with its latest scores (and their reasons) and its open tasks; null when unknown. */
export interface LeadDetail extends LeadRow {
  scores: CurrentScore[];
  counts: { activities: number; open_tasks: number };
}

export async function getLead(tx: Tx, tenantId: string, id: string): Promise<LeadDetail | null> {
  const [row] = await tx<(LeadRow & LeadDetail["counts"])[]>`
    SELECT ${COLUMNS(tx)},
      (SELECT count(*)::int FROM activities a WHERE a.tenant_id = e.tenant_id AND a.lead_id = e.id) AS activities,
      (SELECT count(*)::int FROM tasks t WHERE t.tenant_id = e.tenant_id AND t.entity_kind = 'lead' AND t.entity_id = e.id
         AND t.status IN ('open', 'in_progress')) AS open_tasks
    FROM ${FROM(tx)} WHERE e.tenant_id = ${tenantId} AND e.id = ${id}`;
  if (!row) return null;
  const { activities, open_tasks, ...lead } = row;
  return {
    ...lead,
    scores: await currentScores(tx, tenantId, "lead", id),
    counts: { activities, open_tasks },
  };
}
