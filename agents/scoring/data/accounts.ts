import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { byKey, flatRecord, type LoadOptions, type TrainingRow } from "./rows.ts";

interface AccountOutcomeRow {
  id: string;
  external_id: string | null;
  plan: string | null;
  segment: string | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  employees: number | null;
  annual_revenue: number | null;
  seats_purchased: number | null;
  mrr: number | null;
  arr: number | null;
  attributes: Record<string, unknown>;
  label: boolean;
  known_at: Date;
}

/**
 * Every account of a tenant with a recorded `churned` outcome, as training rows: the account's
 * descriptive columns plus `attributes.*`. Left out on purpose: lifecycle_stage (it becomes
 * 'churned' once an account churns, so it would leak the label), names, owners and dates.
 */
export async function loadChurnRows(
  sql: postgres.Sql,
  tenantId: string,
  { asOf }: LoadOptions = {},
): Promise<TrainingRow[]> {
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx<AccountOutcomeRow[]>`
      SELECT a.id, a.external_id, a.plan, a.segment, a.industry, a.country, a.region, a.employees,
             a.annual_revenue::float8 AS annual_revenue, a.seats_purchased,
             a.mrr::float8 AS mrr, a.arr::float8 AS arr, a.attributes,
             o.value AS label, o.known_at
      FROM accounts a
      JOIN outcomes o ON o.tenant_id = a.tenant_id AND o.entity_kind = 'account' AND o.entity_id = a.id
      WHERE a.tenant_id = ${tenantId} AND o.kind = 'churned'
        ${asOf ? tx`AND o.known_at <= ${asOf}` : tx``}`,
  );
  return rows
    .map(({ id, external_id, attributes, label, known_at, ...columns }) => ({
      id,
      key: external_id ?? id,
      record: flatRecord(columns, "attributes", attributes),
      label,
      knownAt: known_at,
    }))
    .sort(byKey);
}
