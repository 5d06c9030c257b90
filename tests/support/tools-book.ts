import type postgres from "postgres";
import { ensureTenant, type Sql } from "../../db/index.ts";
import { HashingEmbedder } from "../../memory/index.ts";
import { TOOLS, type ToolContext } from "../../tools/index.ts";

/** Ids of the small hand-built book the tools tests read and write. */
export interface ToolsBook {
  tenantId: string;
  runId: string;
  accounts: { acme: string; beta: string; gamma: string; delta: string; epsilon: string };
  contacts: { ok: string; optedOut: string; noConsent: string; beta: string };
  leads: { linked: string; doNotContact: string };
  deals: { open: string; won: string; beta: string };
  activities: { pricing: string; meeting: string; betaCall: string; leadVisit: string };
  tickets: { sso: string; old: string; beta: string };
  kb: string;
}

const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/**
 * Five accounts (acme, beta, gamma, delta, epsilon) with contacts in every consent state, two
 * leads, three deals, activities, tickets, usage, a kb article, scores and one agent run.
 */
export async function writeToolsBook(sql: Sql, slug: string): Promise<ToolsBook> {
  const t = (await ensureTenant(sql, { slug, name: slug })).id;
  const user = await one(
    sql`INSERT INTO users (tenant_id, name, role) VALUES (${t}, 'Ana', 'rep') RETURNING id`,
  );
  const account = (
    name: string,
    segment: string,
    stage: string,
    mrr: number | null,
    renewal: string | null,
  ) =>
    one(sql`INSERT INTO accounts (tenant_id, name, domain, segment, lifecycle_stage, mrr, renewal_date, owner_id)
            VALUES (${t}, ${name}, ${`${name.split(" ")[0]!.toLowerCase()}.example`}, ${segment}, ${stage}, ${mrr},
                    ${renewal}, ${user}) RETURNING id`);
  const accounts = {
    acme: await account("Acme Analytics", "enterprise", "customer", 5000, "2027-01-15"),
    beta: await account("Beta Bakery", "smb", "customer", 200, "2026-12-01"),
    gamma: await account("Gamma Grid", "mid-market", "churned", 1500, null),
    delta: await account("Delta Dental", "smb", "prospect", null, null),
    epsilon: await account("Epsilon Energy", "enterprise", "customer", 8000, "2027-06-30"),
  };
  const contact = (accountId: string, first: string, consent: boolean, optedOut: string | null) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, email, email_consent, opted_out_at,
                                  opt_out_source)
            VALUES (${t}, ${accountId}, ${first}, 'Doe', ${`${first.toLowerCase()}@example.com`}, ${consent},
                    ${optedOut}, ${optedOut ? "unsubscribe link" : null}) RETURNING id`);
  const contacts = {
    ok: await contact(accounts.acme, "Carla", true, null),
    optedOut: await contact(accounts.acme, "Otto", false, "2026-10-01T09:30:00Z"),
    noConsent: await contact(accounts.acme, "Nina", false, null),
    beta: await contact(accounts.beta, "Bert", true, null),
  };
  const leads = {
    linked:
      await one(sql`INSERT INTO leads (tenant_id, account_id, first_name, last_name, company, status, source)
                          VALUES (${t}, ${accounts.delta}, 'Lea', 'Lead', 'Delta Dental', 'working', 'web') RETURNING id`),
    doNotContact: await one(sql`INSERT INTO leads (tenant_id, first_name, company, do_not_contact)
                                VALUES (${t}, 'Dora', 'Solo GmbH', true) RETURNING id`),
  };
  const deal = (accountId: string, name: string, stage: string, status: string) =>
    one(sql`INSERT INTO deals (tenant_id, account_id, owner_id, name, stage, status, amount, expected_close)
            VALUES (${t}, ${accountId}, ${user}, ${name}, ${stage}, ${status}, 50000, '2026-12-15') RETURNING id`);
  const deals = {
    open: await deal(accounts.acme, "Acme expansion", "proposal", "open"),
    won: await deal(accounts.acme, "Acme first purchase", "closed_won", "won"),
    beta: await deal(accounts.beta, "Beta renewal", "discovery", "open"),
  };
  await sql`INSERT INTO deal_stage_history (tenant_id, deal_id, stage, entered_at, exited_at) VALUES
              (${t}, ${deals.open}, 'discovery', '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'),
              (${t}, ${deals.open}, 'proposal', '2026-10-01T00:00:00Z', NULL)`;
  await sql`INSERT INTO deal_contacts (tenant_id, deal_id, contact_id, role) VALUES (${t}, ${deals.open}, ${contacts.ok}, 'champion')`;
  const activity = (
    kind: string,
    subject: string,
    at: string,
    ids: { account?: string; deal?: string; lead?: string },
  ) =>
    one(sql`INSERT INTO activities (tenant_id, kind, subject, body, occurred_at, account_id, deal_id, lead_id)
            VALUES (${t}, ${kind}, ${subject}, ${subject}, ${at}, ${ids.account ?? null}, ${ids.deal ?? null},
                    ${ids.lead ?? null}) RETURNING id`);
  const activities = {
    pricing: await activity("email", "Pricing discussion for the enterprise plan", "2026-10-20T10:00:00Z", {
      account: accounts.acme,
    }),
    meeting: await activity("meeting", "Proposal walkthrough", "2026-10-25T10:00:00Z", {
      account: accounts.acme,
      deal: deals.open,
    }),
    betaCall: await activity("call", "Bakery oven integration call", "2026-10-22T10:00:00Z", {
      account: accounts.beta,
    }),
    leadVisit: await activity("pricing_page_view", "Viewed pricing page", "2026-10-28T10:00:00Z", {
      lead: leads.linked,
    }),
  };
  const ticket = (accountId: string, contactId: string | null, subject: string, status: string, at: string) =>
    one(sql`INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, priority, created_at)
            VALUES (${t}, ${accountId}, ${contactId}, ${subject}, ${subject}, ${status}, 'medium', ${at}) RETURNING id`);
  const tickets = {
    sso: await ticket(
      accounts.acme,
      contacts.ok,
      "Login fails after the SSO update",
      "open",
      "2026-10-30T08:00:00Z",
    ),
    old: await ticket(
      accounts.acme,
      contacts.ok,
      "Invoice address change",
      "resolved",
      "2026-08-01T08:00:00Z",
    ),
    beta: await ticket(
      accounts.beta,
      contacts.beta,
      "Oven dashboard is slow",
      "open",
      "2026-10-29T08:00:00Z",
    ),
  };
  await sql`INSERT INTO product_usage (tenant_id, account_id, period_start, active_users, seats_used, events) VALUES
              (${t}, ${accounts.acme}, '2026-08-01', 50, 60, 1000),
              (${t}, ${accounts.acme}, '2026-09-01', 45, 60, 900),
              (${t}, ${accounts.acme}, '2026-10-01', 40, 60, 800)`;
  const kb = await one(sql`INSERT INTO kb_articles (tenant_id, title, body)
                           VALUES (${t}, 'Resetting SSO login', 'How to reset single sign-on when login fails') RETURNING id`);
  await sql`INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, tier, model_version, agent,
                                idempotency_key, created_at) VALUES
              (${t}, 'account', ${accounts.acme}, 'health', 80, 'healthy', 'v1', 'cs', 'old', '2026-09-01T00:00:00Z'),
              (${t}, 'account', ${accounts.acme}, 'health', 55, 'watch', 'v1', 'cs', 'new', '2026-10-01T00:00:00Z'),
              (${t}, 'account', ${accounts.acme}, 'churn', 30, 'low', 'v1', 'cs', 'churn', '2026-10-01T00:00:00Z')`;
  const runId = await one(
    sql`INSERT INTO agent_runs (tenant_id, agent, target) VALUES (${t}, 'sales', ${sql.json({ kind: "all" })}) RETURNING id`,
  );
  return { tenantId: t, runId, accounts, contacts, leads, deals, activities, tickets, kb };
}

/** A new agent run in the tenant (a second run of the same agent). */
export async function newRun(sql: Sql, tenantId: string): Promise<string> {
  return one(
    sql`INSERT INTO agent_runs (tenant_id, agent, target) VALUES (${tenantId}, 'sales', ${sql.json({ kind: "all" })}) RETURNING id`,
  );
}

/**
 * A ToolContext for the book's tenant and run, with a pinned clock; it allows every tool (the
 * tool tests call each one; agents' own lists are tested in tests/tools-allow-list.test.ts).
 */
export function bookContext(
  sql: postgres.Sql,
  book: ToolsBook,
  over: Partial<ToolContext> = {},
): ToolContext {
  return {
    sql,
    tenantId: book.tenantId,
    runId: book.runId,
    agent: "sales",
    allowedTools: Object.keys(TOOLS),
    node: "score",
    embedder: new HashingEmbedder({ dimensions: 256 }),
    now: () => new Date("2026-11-01T00:00:00Z"),
    ...over,
  };
}
