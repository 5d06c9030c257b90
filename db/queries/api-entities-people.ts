import type postgres from "postgres";
import {
  allOf,
  containsPattern,
  keysetRows,
  countRows,
  type KeysetPage,
  type SortSpec,
} from "./api-entities.ts";

type Tx = postgres.TransactionSql;

/** A person of the tenant (a user), with the open work assigned to them. */
export interface PersonRow {
  id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  role: string;
  capacity_hours_per_day: number;
  skills: string[];
  territories: string[];
  time_zone: string;
  active: boolean;
  /** Open and in-progress tasks assigned to them, and their estimated minutes. */
  open_tasks: number;
  open_task_minutes: number;
  created_at: Date;
}

/** Sort keys of the people list. */
export const PEOPLE_SORTS = {
  name: { expr: (tx) => tx`lower(e.name)`, type: "text", nullable: false },
  capacity: { expr: (tx) => tx`e.capacity_hours_per_day::float8`, type: "float8", nullable: false },
  created: { expr: (tx) => tx`e.created_at`, type: "timestamptz", nullable: false },
} satisfies Record<string, SortSpec>;

export interface PeopleFilter {
  role?: string | undefined;
  territory?: string | undefined;
  skill?: string | undefined;
  active?: boolean | undefined;
  /** Part of the name or e-mail, any case. */
  q?: string | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, e.name, e.email, e.role, e.capacity_hours_per_day::float8 AS capacity_hours_per_day, e.skills,
  e.territories, e.time_zone, e.active, coalesce(w.n, 0) AS open_tasks, coalesce(w.minutes, 0) AS open_task_minutes,
  e.created_at`;

const FROM = (tx: Tx) => tx`users e LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, sum(t.estimated_minutes)::int AS minutes FROM tasks t
    WHERE t.tenant_id = e.tenant_id AND t.assignee_id = e.id AND t.status IN ('open', 'in_progress')) w ON TRUE`;

function where(tx: Tx, tenantId: string, f: PeopleFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.role) conds.push(tx`e.role = ${f.role}`);
  if (f.territory) conds.push(tx`${f.territory} = ANY(e.territories)`);
  if (f.skill) conds.push(tx`${f.skill} = ANY(e.skills)`);
  if (f.active !== undefined) conds.push(tx`e.active = ${f.active}`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(tx`(e.name ILIKE ${p} OR coalesce(e.email, '') ILIKE ${p})`);
  }
  return allOf(tx, conds);
}

/** A page of the tenant's people. */
export async function listPeople(
  tx: Tx,
  tenantId: string,
  f: PeopleFilter,
  page: KeysetPage,
): Promise<{ rows: (PersonRow & { sort_key: string })[]; total: number }> {
  const q = { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) };
  const rows = await keysetRows<PersonRow>(tx, q, page);
  return { rows, total: await countRows(tx, { from: tx`users e`, where: q.where }) };
}
