import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { byKey, flatRecord, type LoadOptions, type TrainingRow } from "./rows.ts";

interface LeadOutcomeRow {
  id: string;
  external_id: string | null;
  source: string | null;
  country: string | null;
  title: string | null;
  employees: number | null;
  fields: Record<string, unknown>;
  label: boolean;
  known_at: Date;
}

/**
 * Every lead of a tenant with a recorded `converted` outcome, as training rows: source,
 * country, title, employees plus `fields.*`. Left out on purpose: status (it becomes
 * 'converted' or 'qualified' as the lead progresses, so it would leak the label), names and
 * contact details, owners and dates.
 */
export async function loadLeadRows(
  sql: postgres.Sql,
  tenantId: string,
  { asOf }: LoadOptions = {},
): Promise<TrainingRow[]> {
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx<LeadOutcomeRow[]>`
      SELECT l.id, l.external_id, l.source, l.country, l.title, l.employees, l.fields,
             o.value AS label, o.known_at
      FROM leads l
      JOIN outcomes o ON o.tenant_id = l.tenant_id AND o.entity_kind = 'lead' AND o.entity_id = l.id
      WHERE l.tenant_id = ${tenantId} AND o.kind = 'converted'
        ${asOf ? tx`AND o.known_at <= ${asOf}` : tx``}`,
  );
  return rows
    .map(({ id, external_id, fields, label, known_at, ...columns }) => ({
      id,
      key: external_id ?? id,
      record: flatRecord(columns, "fields", fields),
      label,
      knownAt: known_at,
    }))
    .sort(byKey);
}
