import type { Sql } from "../store.ts";

/** The tables of a tenant's CRM book, in the order a person reads a summary. */
export const BOOK_TABLES = [
  "users",
  "accounts",
  "contacts",
  "leads",
  "deals",
  "deal_stage_history",
  "deal_contacts",
  "activities",
  "tickets",
  "product_usage",
  "campaigns",
  "campaign_members",
  "kb_articles",
  "outcomes",
] as const;

export type BookTable = (typeof BOOK_TABLES)[number];

/** Row counts per table for one tenant, in one round trip. */
export async function countBook(sql: Sql, tenantId: string): Promise<Record<BookTable, number>> {
  const [row] = await sql<Record<BookTable, number>[]>`
    SELECT
      (SELECT count(*) FROM users WHERE tenant_id = ${tenantId})::int AS users,
      (SELECT count(*) FROM accounts WHERE tenant_id = ${tenantId})::int AS accounts,
      (SELECT count(*) FROM contacts WHERE tenant_id = ${tenantId})::int AS contacts,
      (SELECT count(*) FROM leads WHERE tenant_id = ${tenantId})::int AS leads,
      (SELECT count(*) FROM deals WHERE tenant_id = ${tenantId})::int AS deals,
      (SELECT count(*) FROM deal_stage_history WHERE tenant_id = ${tenantId})::int AS deal_stage_history,
      (SELECT count(*) FROM deal_contacts WHERE tenant_id = ${tenantId})::int AS deal_contacts,
      (SELECT count(*) FROM activities WHERE tenant_id = ${tenantId})::int AS activities,
      (SELECT count(*) FROM tickets WHERE tenant_id = ${tenantId})::int AS tickets,
      (SELECT count(*) FROM product_usage WHERE tenant_id = ${tenantId})::int AS product_usage,
      (SELECT count(*) FROM campaigns WHERE tenant_id = ${tenantId})::int AS campaigns,
      (SELECT count(*) FROM campaign_members WHERE tenant_id = ${tenantId})::int AS campaign_members,
      (SELECT count(*) FROM kb_articles WHERE tenant_id = ${tenantId})::int AS kb_articles,
      (SELECT count(*) FROM outcomes WHERE tenant_id = ${tenantId})::int AS outcomes`;
  return row!;
}
