import { ensureTenant, type Sql } from "../../db/index.ts";

/** Ids of the small book the entity-list tests page through (see writeEntitiesBook). */
export interface EntitiesBook {
  tenantId: string;
  people: { ana: string; bo: string; cy: string };
  accounts: Record<"alpha" | "beta" | "gamma" | "delta" | "pct", string>;
  leads: Record<"hot" | "warm" | "cold" | "unscored", string>;
  deals: Record<"soon" | "late" | "won", string>;
  tickets: Record<"critical" | "low" | "closed", string>;
  contacts: Record<"carla" | "dora", string>;
}

const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/**
 * A small book with known order on every sort key: three people (two reps in EMEA/US, one cs), five
 * accounts (health and churn scores, an older score that a newer one replaces, one without scores,
 * one whose name holds a literal `%`), four leads (three scored), three deals, three tickets, two contacts.
 */
export async function writeEntitiesBook(sql: Sql, slug: string): Promise<EntitiesBook> {
  const t = (await ensureTenant(sql, { slug, name: `Entities ${slug}` })).id;
  const person = (name: string, role: string, territories: string[], skills: string[], hours: number) =>
    one(sql`INSERT INTO users (tenant_id, name, email, role, territories, skills, capacity_hours_per_day)
            VALUES (${t}, ${name}, ${`${name.split(" ")[0]!.toLowerCase()}@${slug}.example`}, ${role}, ${territories},
                    ${skills}, ${hours}) RETURNING id`);
  const people = {
    ana: await person("Ana Rep", "rep", ["EMEA"], ["enterprise"], 6),
    bo: await person("Bo Rep", "rep", ["US"], [], 4),
    cy: await person("Cy Success", "cs", ["EMEA"], ["escalations"], 2),
  };
  const account = (name: string, region: string | null, owner: string, arr: number | null, updated: string) =>
    one(sql`INSERT INTO accounts (tenant_id, name, domain, region, segment, arr, owner_id, renewal_date, updated_at)
            VALUES (${t}, ${name}, ${`${name.toLowerCase().replace(/\W/g, "")}.example`}, ${region}, 'smb', ${arr},
                    ${owner}, ${arr === null ? null : "2027-01-01"}, ${updated}::text::timestamptz) RETURNING id`);
  const accounts = {
    alpha: await account("Alpha", "EMEA", people.ana, 50_000, "2026-11-01T10:00:00.123456Z"),
    beta: await account("beta", "EMEA", people.bo, 10_000, "2026-11-01T10:00:00.123456Z"),
    gamma: await account("Gamma", "US", people.bo, null, "2026-11-01T10:00:00.123457Z"),
    delta: await account("Delta", "US", people.ana, 90_000, "2026-10-01T00:00:00Z"),
    pct: await account("Epsilon 100% Co", null, people.ana, 20_000, "2026-09-01T00:00:00Z"),
  };
  let n = 0;
  const score = (
    kind: string,
    entityKind: string,
    id: string,
    value: number,
    p: number | null,
    tier: string,
    at: string,
  ) =>
    sql`INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, probability, tier, reasons, model_version, agent,
                            idempotency_key, created_at)
        VALUES (${t}, ${entityKind}, ${id}, ${kind}, ${value}, ${p}, ${tier},
                ${sql.json([{ factor: `${kind}_factor`, contribution: value / 10 }])}, 'test-v1', 'test', ${`k${n++}`}, ${at})`;
  await score("health", "account", accounts.alpha, 90, null, "healthy", "2026-10-01T00:00:00Z");
  await score("health", "account", accounts.alpha, 30, null, "at_risk", "2026-11-01T00:00:00Z");
  await score("churn", "account", accounts.alpha, 70, 0.7, "high", "2026-11-01T00:00:00Z");
  await score("health", "account", accounts.beta, 80, null, "healthy", "2026-11-01T00:00:00Z");
  await score("churn", "account", accounts.beta, 10, 0.1, "low", "2026-11-01T00:00:00Z");
  await score("health", "account", accounts.delta, 40, null, "at_risk", "2026-11-01T00:00:00Z");
  await score("churn", "account", accounts.delta, 45, 0.45, "medium", "2026-11-01T00:00:00Z");
  const lead = (first: string, company: string, status: string, owner: string) =>
    one(sql`INSERT INTO leads (tenant_id, first_name, last_name, email, company, status, source, country, owner_id)
            VALUES (${t}, ${first}, 'Lee', ${`${first.toLowerCase()}@lead.example`}, ${company}, ${status}, 'web', 'DE', ${owner})
            RETURNING id`);
  const leads = {
    hot: await lead("Hana", "Hotco", "working", people.ana),
    warm: await lead("Wim", "Warmco", "new", people.bo),
    cold: await lead("Cole", "Coldco", "nurturing", people.ana),
    unscored: await lead("Una", "Unco", "new", people.bo),
  };
  await score("lead", "lead", leads.hot, 90, 0.6, "hot", "2026-11-01T00:00:00Z");
  await score("lead", "lead", leads.warm, 40, 0.2, "warm", "2026-11-01T00:00:00Z");
  await score("lead", "lead", leads.cold, 5, 0.01, "cold", "2026-11-01T00:00:00Z");
  const deal = (name: string, acc: string, status: string, close: string, amount: number) =>
    one(sql`INSERT INTO deals (tenant_id, account_id, owner_id, name, stage, status, amount, expected_close)
            VALUES (${t}, ${acc}, ${people.ana}, ${name}, 'proposal', ${status}, ${amount}, ${close}) RETURNING id`);
  const deals = {
    soon: await deal("Alpha expansion", accounts.alpha, "open", "2026-11-20", 5000),
    late: await deal("Beta renewal", accounts.beta, "open", "2027-02-01", 9000),
    won: await deal("Gamma pilot", accounts.gamma, "won", "2026-09-01", 1000),
  };
  await score("win", "deal", deals.late, 60, 0.6, "likely", "2026-11-01T00:00:00Z");
  const ticket = (subject: string, status: string, priority: string, created: string) =>
    one(sql`INSERT INTO tickets (tenant_id, account_id, subject, body, status, priority, queue, assignee_id, created_at)
            VALUES (${t}, ${accounts.alpha}, ${subject}, 'body', ${status}, ${priority}, 'tech', ${people.cy}, ${created})
            RETURNING id`);
  const tickets = {
    critical: await ticket("Outage in EU", "open", "critical", "2026-10-30T00:00:00Z"),
    low: await ticket("Typo in invoice", "pending", "low", "2026-10-31T00:00:00Z"),
    closed: await ticket("Old login issue", "closed", "high", "2026-09-01T00:00:00Z"),
  };
  const contact = (first: string, acc: string, consent: boolean) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email, email_consent)
            VALUES (${t}, ${acc}, ${first}, 'Doe', 'champion', ${`${first.toLowerCase()}@c.example`}, ${consent}) RETURNING id`);
  const contacts = {
    carla: await contact("Carla", accounts.alpha, true),
    dora: await contact("Dora", accounts.beta, false),
  };
  await score("response_webinar", "contact", contacts.carla, 55, 0.3, "medium", "2026-11-01T00:00:00Z");
  return { tenantId: t, people, accounts, leads, deals, tickets, contacts };
}
