import { bulkInsert, type Row } from "../bulk.ts";
import type { Sql } from "../store.ts";
import { WRITE_ORDER, type BookRows, type SeedTable } from "./rows.ts";

/**
 * The key each table's rows are upserted on, so writing the same book twice updates rows in place
 * instead of adding them: the external id where there is one, else the table's natural key.
 * campaign_members is keyed on its (deterministic) id because its unique keys are partial indexes,
 * which ON CONFLICT cannot name without their predicate.
 */
export const SEED_CONFLICT_KEYS: Record<SeedTable, string[]> = {
  users: ["tenant_id", "external_id"],
  accounts: ["tenant_id", "external_id"],
  contacts: ["tenant_id", "external_id"],
  leads: ["tenant_id", "external_id"],
  deals: ["tenant_id", "external_id"],
  deal_stage_history: ["deal_id", "entered_at"],
  deal_contacts: ["deal_id", "contact_id"],
  activities: ["tenant_id", "external_id"],
  tickets: ["tenant_id", "external_id"],
  product_usage: ["tenant_id", "account_id", "granularity", "period_start"],
  campaigns: ["tenant_id", "external_id"],
  campaign_members: ["id"],
  kb_articles: ["tenant_id", "external_id"],
  outcomes: ["tenant_id", "entity_kind", "entity_id", "kind"],
};

export type TableCounts = Record<SeedTable, number>;

export function zeroCounts(): TableCounts {
  return Object.fromEntries(WRITE_ORDER.map((t) => [t, 0])) as TableCounts;
}

/**
 * Writes one part of a book, parents before children, with multi-row upserts. Pass a transaction
 * to make the part atomic (and faster: one commit instead of one per statement).
 */
export async function writeBookRows(sql: Sql, rows: BookRows): Promise<TableCounts> {
  const counts = zeroCounts();
  for (const table of WRITE_ORDER) {
    const conflict = { columns: SEED_CONFLICT_KEYS[table] };
    counts[table] += await bulkInsert(sql, table, rows[table] as Row[], { conflict });
  }
  return counts;
}
