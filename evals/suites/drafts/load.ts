import type postgres from "postgres";

/** A stored draft with what the checks need about its recipient. */
export interface DraftRow {
  id: string;
  agent: string;
  channel: string;
  subject: string | null;
  body: string;
  evidence_ids: string[];
  provider: string;
  contact_id: string | null;
  lead_id: string | null;
  /** The recipient's first and last name, address, and whether they may be contacted now. */
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  contactable: boolean;
  /** The recipient's account name (their own company, which a draft may name). */
  account_name: string | null;
}

/** Everyone in the tenant whose personal data a draft to someone else must not carry. */
export interface Person {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
}

/** Every draft the given runs wrote, with its recipient (contact or lead) joined in. */
export async function loadDrafts(
  sql: postgres.Sql,
  tenantId: string,
  runIds: readonly string[],
): Promise<DraftRow[]> {
  if (runIds.length === 0) return [];
  return sql<DraftRow[]>`
    SELECT d.id::text, d.agent, d.channel, d.subject, d.body, d.evidence_ids, d.provider,
           d.contact_id::text, d.lead_id::text,
           coalesce(c.first_name, l.first_name) AS first_name, coalesce(c.last_name, l.last_name) AS last_name,
           coalesce(c.email, l.email) AS email,
           CASE WHEN c.id IS NOT NULL THEN c.email_consent AND c.opted_out_at IS NULL
                ELSE NOT l.do_not_contact AND l.opted_out_at IS NULL END AS contactable,
           coalesce(a.name, l.company) AS account_name
    FROM drafts d
    LEFT JOIN contacts c ON c.id = d.contact_id
    LEFT JOIN leads l ON l.id = d.lead_id
    LEFT JOIN accounts a ON a.id = d.account_id
    WHERE d.tenant_id = ${tenantId} AND d.run_id IN ${sql(runIds as string[])}
    ORDER BY d.agent, d.id`;
}

/** Contacts and leads of the tenant (their names, addresses and phone numbers). */
export async function loadPeople(sql: postgres.Sql, tenantId: string): Promise<Person[]> {
  return sql<Person[]>`
    SELECT id::text, first_name, last_name, email, phone FROM contacts WHERE tenant_id = ${tenantId}
    UNION ALL
    SELECT id::text, first_name, last_name, email, phone FROM leads WHERE tenant_id = ${tenantId}`;
}

/** The tenant's own people (reps) who sign drafts: their names may appear. */
export async function loadSenders(sql: postgres.Sql, tenantId: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`SELECT name FROM users WHERE tenant_id = ${tenantId}`;
  return rows.map((r) => r.name);
}

// Evidence kinds (tools/evidence.ts) → their tables: a fixed whitelist, never text from a draft.
const TABLES = {
  activity: "activities",
  ticket: "tickets",
  deal: "deals",
  contact: "contacts",
  lead: "leads",
  account: "accounts",
  kb_article: "kb_articles",
} as const;

/** Every cited row as JSON (Postgres's `to_jsonb`), by evidence id. Ids that resolve to no row are absent. */
export async function loadEvidence(
  sql: postgres.Sql,
  tenantId: string,
  refs: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const byKind = new Map<string, string[]>();
  for (const ref of new Set(refs)) {
    const kind = ref.slice(0, ref.indexOf(":"));
    byKind.set(kind, [...(byKind.get(kind) ?? []), ref]);
  }
  for (const [kind, ids] of byKind) {
    if (kind === "usage") {
      for (const ref of ids) {
        const [, account, period] = ref.split(":");
        const [row] = await sql<{ row: Record<string, unknown> }[]>`
          SELECT to_jsonb(u) AS row FROM product_usage u
          WHERE tenant_id = ${tenantId} AND account_id = ${account!} AND period_start = ${period!}::date
          ORDER BY granularity LIMIT 1`;
        if (row) out.set(ref, row.row);
      }
      continue;
    }
    const table = TABLES[kind as keyof typeof TABLES];
    if (!table) continue;
    const rows = await sql<{ id: string; row: Record<string, unknown> }[]>`
      SELECT t.id::text, to_jsonb(t) AS row FROM ${sql(table)} t
      WHERE t.tenant_id = ${tenantId} AND t.id IN ${sql(ids.map((r) => r.slice(kind.length + 1)))}`;
    for (const r of rows) out.set(`${kind}:${r.id}`, r.row);
  }
  return out;
}
