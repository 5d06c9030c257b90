import type postgres from "postgres";
import { ensureTenant, type Sql } from "../../db/index.ts";

/** The instant the marketing book is "as of"; tests pin the clock to it. */
export const MKT_AS_OF = new Date("2026-11-01T12:00:00Z");

const daysAgo = (d: number) => new Date(MKT_AS_OF.getTime() - d * 86_400_000);
const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/** Ids of the hand-built marketing book (see writeMarketingBook for what each one is for). */
export interface MarketingBook {
  tenantId: string;
  accounts: { atlas: string; birch: string; cedar: string; delta: string; elm: string };
  contacts: {
    ana: string;
    ben: string;
    cara: string;
    dan: string;
    eve: string;
    fay: string;
    gus: string;
    hal: string;
    ivy: string;
  };
  campaigns: { webinar: string; email: string; event: string };
  deals: { atlasWon: string; deltaWon: string; birchWon: string; cedarWon: string; oldWon: string };
  activities: { atlasMeeting: string };
}

/**
 * A small book, as of MKT_AS_OF:
 * - Atlas (mid-market customer, MRR 5,000): last engaged 120 days ago (a meeting; a later outbound
 *   email is not engagement). Contacts ana (champion, responded to the webinar), ben (opted out),
 *   cara (no consent), dan (user), eve (no email).
 * - Birch (mid-market customer, MRR 3,000): a meeting 5 days ago. Contact fay, who already has two
 *   drafts this week (sales and cs).
 * - Cedar (smb customer, MRR 300): never engaged. Contact gus (a sales draft 10 days ago, outside the week).
 * - Delta (enterprise customer, MRR 20,000): three web visits this month, four tickets. Contact hal.
 * - Elm (mid-market prospect): a web visit 200 days ago. Contact ivy.
 * Campaigns webinar (ana responded, hal), email (ana, fay responded, dan), event (hal responded,
 * fay after Birch's deal closed). Won deals: Atlas 10,000 (30 days ago), Delta 30,000 (40 days),
 * Birch 5,000 (10 days), Cedar 2,000 (no touches), Delta 7,000 (400 days ago: outside the window).
 */
export async function writeMarketingBook(sql: Sql, slug: string): Promise<MarketingBook> {
  const t = (await ensureTenant(sql, { slug, name: `Marketing ${slug}` })).id;
  const account = (name: string, segment: string, stage: string, mrr: number, seats: number) =>
    one(sql`INSERT INTO accounts (tenant_id, name, segment, lifecycle_stage, mrr, seats_purchased, plan)
            VALUES (${t}, ${name}, ${segment}, ${stage}, ${mrr}, ${seats}, 'growth') RETURNING id`);
  const accounts = {
    atlas: await account("Atlas Freight", "mid-market", "customer", 5000, 50),
    birch: await account("Birch Labs", "mid-market", "customer", 3000, 20),
    cedar: await account("Cedar Cafe", "smb", "customer", 300, 5),
    delta: await account("Delta Bank", "enterprise", "customer", 20000, 400),
    elm: await account("Elm Studio", "mid-market", "prospect", 0, 0),
  };
  const contact = (
    acc: string,
    first: string,
    role: string,
    email: string | null,
    consent = true,
    optedOut: Date | null = null,
  ) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email, email_consent, opted_out_at)
            VALUES (${t}, ${acc}, ${first}, 'Doe', ${role}, ${email}, ${consent}, ${optedOut}) RETURNING id`);
  const mail = (n: string) => `${n}@example.com`;
  const contacts = {
    ana: await contact(accounts.atlas, "Ana", "champion", mail("ana")),
    ben: await contact(accounts.atlas, "Ben", "executive", mail("ben"), true, daysAgo(50)),
    cara: await contact(accounts.atlas, "Cara", "billing", mail("cara"), false),
    dan: await contact(accounts.atlas, "Dan", "user", mail("dan")),
    eve: await contact(accounts.atlas, "Eve", "user", null),
    fay: await contact(accounts.birch, "Fay", "decision_maker", mail("fay")),
    gus: await contact(accounts.cedar, "Gus", "executive", mail("gus")),
    hal: await contact(accounts.delta, "Hal", "technical", mail("hal")),
    ivy: await contact(accounts.elm, "Ivy", "executive", mail("ivy")),
  };
  const activity = (acc: string, kind: string, direction: string | null, days: number) =>
    one(sql`INSERT INTO activities (tenant_id, account_id, kind, direction, subject, occurred_at)
            VALUES (${t}, ${acc}, ${kind}, ${direction}, ${`${kind} with the team`}, ${daysAgo(days)}) RETURNING id`);
  const activities = { atlasMeeting: await activity(accounts.atlas, "meeting", "outbound", 120) };
  await activity(accounts.atlas, "email", "outbound", 10);
  await activity(accounts.birch, "meeting", "outbound", 5);
  for (const d of [3, 9, 20]) await activity(accounts.delta, "web_visit", "inbound", d);
  await activity(accounts.elm, "web_visit", "inbound", 200);
  for (const d of [5, 15, 30, 60])
    await sql`INSERT INTO tickets (tenant_id, account_id, body, created_at) VALUES (${t}, ${accounts.delta}, 'help', ${daysAgo(d)})`;
  const campaign = (name: string, kind: string, days: number) =>
    one(sql`INSERT INTO campaigns (tenant_id, name, kind, status, started_at)
            VALUES (${t}, ${name}, ${kind}, 'completed', ${daysAgo(days)}) RETURNING id`);
  const campaigns = {
    webinar: await campaign("Webinar: forecasting", "webinar", 200),
    email: await campaign("Email: what's new", "email", 100),
    event: await campaign("Event: summit", "event", 60),
  };
  const touch = (c: string, who: string, days: number, respondedDays: number | null, status = "sent") =>
    sql`INSERT INTO campaign_members (tenant_id, campaign_id, contact_id, status, touched_at, responded_at)
        VALUES (${t}, ${c}, ${who}, ${respondedDays === null ? status : "responded"}, ${daysAgo(days)},
                ${respondedDays === null ? null : daysAgo(respondedDays)})`;
  await touch(campaigns.webinar, contacts.ana, 190, 188);
  await touch(campaigns.email, contacts.ana, 95, null);
  await touch(campaigns.email, contacts.dan, 94, null, "opened");
  await touch(campaigns.email, contacts.fay, 95, 94);
  await touch(campaigns.webinar, contacts.hal, 180, null);
  await touch(campaigns.event, contacts.hal, 50, 48);
  await touch(campaigns.event, contacts.fay, 5, null);
  const won = (acc: string, amount: number, days: number) =>
    one(sql`INSERT INTO deals (tenant_id, account_id, name, stage, status, amount, closed_at)
            VALUES (${t}, ${acc}, ${`Deal ${amount}`}, 'closed_won', 'won', ${amount}, ${daysAgo(days)}) RETURNING id`);
  const deals = {
    atlasWon: await won(accounts.atlas, 10_000, 30),
    deltaWon: await won(accounts.delta, 30_000, 40),
    birchWon: await won(accounts.birch, 5_000, 10),
    cedarWon: await won(accounts.cedar, 2_000, 20),
    oldWon: await won(accounts.delta, 7_000, 400),
  };
  await otherAgentDraft(sql, t, contacts.fay, accounts.birch, "sales", daysAgo(2));
  await otherAgentDraft(sql, t, contacts.fay, accounts.birch, "cs", daysAgo(3));
  await otherAgentDraft(sql, t, contacts.gus, accounts.cedar, "sales", daysAgo(10));
  return { tenantId: t, accounts, contacts, campaigns, deals, activities };
}

/** A pending draft another agent wrote to a contact at `at` (outside any run). */
export function otherAgentDraft(
  sql: Sql,
  t: string,
  contact: string,
  account: string,
  agent: string,
  at: Date,
) {
  return sql`
    INSERT INTO drafts (tenant_id, channel, contact_id, account_id, entity_kind, entity_id, subject, body, evidence_ids,
                        provider, agent, idempotency_key, created_at)
    VALUES (${t}, 'email', ${contact}, ${account}, 'contact', ${contact}, 'Hello', 'Hello there',
            ${[`contact:${contact}`]}, 'offline:test', ${agent}, ${`${agent}:${contact}:${at.toISOString()}`}, ${at})`;
}

/** Sets the tenant's marketing settings. */
export async function setMarketingSettings(sql: Sql, tenantId: string, settings: Record<string, unknown>) {
  await sql`UPDATE tenants SET settings = jsonb_set(settings, '{marketing}', ${sql.json(settings as postgres.JSONValue)})
            WHERE id = ${tenantId}`;
}
