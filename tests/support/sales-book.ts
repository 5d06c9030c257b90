import type postgres from "postgres";
import { ensureTenant, type Sql } from "../../db/index.ts";
import { at, daysAgo, one, writeClosedDeals, writeOpenDeals } from "./sales-book-deals.ts";

export { SALES_AS_OF } from "./sales-book-deals.ts";

/** Ids of the hand-built sales book (see writeSalesBook for what each one is for). */
export interface SalesBook {
  tenantId: string;
  users: { rita: string; sam: string };
  accounts: { acme: string; bolt: string };
  contacts: { carla: string; otto: string; nina: string; bert: string };
  leads: {
    hot: string;
    capped: string;
    warm: string;
    cold: string;
    dnc: string;
    optedOut: string;
    converted: string;
    linked: string;
  };
  deals: { stalled: string; single: string; noStep: string; optedOutStall: string; past: string };
  activities: { hotPricing: string; hotDemo: string; hotVisit: string; stalledMeeting: string };
}

/**
 * A small book where every sales policy fires once (as of SALES_AS_OF, default points table):
 * leads — hot (90: pricing, recent, demo, size, 3 engagements), capped (7 visits → 25), warm
 * (40), cold (only an outbound email and a pricing view outside the window → 0), dnc and
 * optedOut (hot but not contactable), converted (not open), linked (size from its account);
 * 24 closed deals through discovery (4 days) and proposal (10 days), half won (10,000 each);
 * open deals — stalled (40 days in proposal), single (one contact), noStep (slipped, no next
 * step, negotiation: no tenant norm), optedOutStall (stalled, nobody may be emailed), past
 * (expected close passed).
 */
export async function writeSalesBook(sql: Sql, slug: string): Promise<SalesBook> {
  const t = (await ensureTenant(sql, { slug, name: `Sales ${slug}` })).id;
  const user = (name: string) =>
    one(sql`INSERT INTO users (tenant_id, name, role) VALUES (${t}, ${name}, 'rep') RETURNING id`);
  const users = { rita: await user("Rita Rep"), sam: await user("Sam Seller") };
  const account = (name: string, employees: number, owner: string) =>
    one(sql`INSERT INTO accounts (tenant_id, name, employees, lifecycle_stage, owner_id)
            VALUES (${t}, ${name}, ${employees}, 'prospect', ${owner}) RETURNING id`);
  const accounts = {
    acme: await account("Acme Corp", 200, users.rita),
    bolt: await account("Bolt Ltd", 20, users.sam),
  };
  const contact = (acc: string, first: string, role: string, consent: boolean, optedOut: Date | null) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email, email_consent, opted_out_at)
            VALUES (${t}, ${acc}, ${first}, 'Doe', ${role}, ${`${first.toLowerCase()}@example.com`}, ${consent}, ${optedOut})
            RETURNING id`);
  const contacts = {
    carla: await contact(accounts.acme, "Carla", "champion", true, null),
    otto: await contact(accounts.acme, "Otto", "executive", false, daysAgo(20)),
    nina: await contact(accounts.acme, "Nina", "technical", false, null),
    bert: await contact(accounts.bolt, "Bert", "decision_maker", true, null),
  };
  const leads = await writeLeads(sql, t, users.rita, accounts.acme);
  const activity = (kind: string, when: Date, ids: Record<string, string | null>, direction = "inbound") =>
    one(sql`INSERT INTO activities (tenant_id, kind, direction, subject, occurred_at, lead_id, deal_id, account_id)
            VALUES (${t}, ${kind}, ${direction}, ${kind.replaceAll("_", " ")}, ${when}, ${ids.lead ?? null},
                    ${ids.deal ?? null}, ${ids.account ?? null}) RETURNING id`);
  const hot = { lead: leads.hot };
  const activities = {
    hotPricing: await activity("pricing_page_view", daysAgo(2), hot),
    hotDemo: await activity("demo_request", daysAgo(3), hot),
    hotVisit: await activity("web_visit", at(2), hot),
    stalledMeeting: "",
  };
  await activity("form_fill", daysAgo(5), hot);
  await activity("email", daysAgo(6), hot);
  for (let d = 2; d <= 8; d++) await activity("web_visit", daysAgo(d), { lead: leads.capped });
  await activity("pricing_page_view", daysAgo(10), { lead: leads.warm });
  await activity("email", at(1), { lead: leads.cold }, "outbound");
  await activity("pricing_page_view", daysAgo(45), { lead: leads.cold });
  for (const lead of [leads.dnc, leads.optedOut]) {
    await activity("pricing_page_view", daysAgo(1), { lead });
    await activity("demo_request", daysAgo(1), { lead });
    await activity("web_visit", at(1), { lead });
  }
  await activity("pricing_page_view", daysAgo(1), { lead: leads.converted });
  await activity("web_visit", daysAgo(3), { lead: leads.linked, account: accounts.acme });
  await writeClosedDeals(sql, t, users.rita, accounts.acme);
  const deals = await writeOpenDeals(sql, t, users, accounts, contacts);
  activities.stalledMeeting = await activity(
    "meeting",
    daysAgo(35),
    { deal: deals.stalled, account: accounts.acme },
    "outbound",
  );
  return { tenantId: t, users, accounts, contacts, leads, deals, activities };
}

async function writeLeads(sql: Sql, t: string, owner: string, acme: string): Promise<SalesBook["leads"]> {
  const lead = (
    first: string,
    employees: number | null,
    over: { status?: string; dnc?: boolean; optedOut?: Date; account?: string } = {},
  ) =>
    one(sql`INSERT INTO leads (tenant_id, first_name, last_name, email, company, title, employees, source, status, owner_id,
                               do_not_contact, opted_out_at, account_id)
            VALUES (${t}, ${first}, 'Lead', ${`${first.toLowerCase()}@lead.example`}, ${`${first} Corp`}, 'Head of Ops',
                    ${employees}, 'website', ${over.status ?? "working"}, ${owner}, ${over.dnc ?? false},
                    ${over.optedOut ?? null}, ${over.account ?? null}) RETURNING id`);
  return {
    hot: await lead("Hanna", 120),
    capped: await lead("Eve", 10),
    warm: await lead("Walt", 60),
    cold: await lead("Cole", 10),
    dnc: await lead("Dora", 500, { dnc: true }),
    optedOut: await lead("Olga", 500, { optedOut: daysAgo(15) }),
    converted: await lead("Conny", 500, { status: "converted" }),
    linked: await lead("Lina", null, { account: acme }),
  };
}

/** Sets the tenant's sales settings (tenants.settings.sales). */
export async function setSalesSettings(sql: Sql, tenantId: string, sales: unknown): Promise<void> {
  await sql`UPDATE tenants SET settings = jsonb_set(settings, '{sales}', ${sql.json(sales as postgres.JSONValue)})
            WHERE id = ${tenantId}`;
}
