import type postgres from "postgres";
import { ensureTenant, type Sql } from "../../db/index.ts";

/** The instant the CS graph tests run at (deps.now). */
export const CS_NOW = new Date("2026-11-15T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(CS_NOW.getTime() - days * DAY);
const MONTHS = ["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"];

/** Ids of the hand-built customer-success book. */
export interface CsBook {
  tenantId: string;
  ownerId: string;
  accounts: {
    healthy: string;
    risky: string;
    optedOut: string;
    quiet: string;
    prospect: string;
    churned: string;
  };
  contacts: { cara: string; eve: string; otto: string; nina: string };
  tickets: { hot: string; old: string; billing: string; optedOutNew: string };
}

const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/**
 * Six accounts, one per situation the CS agent handles: Healthy Co (healthy, 95 % of seats used),
 * Risky Inc (at risk: usage halved, 30 % seats, tickets — one triaged high/negative —, quiet for
 * 120 days, renewal in 60 days, a champion and an executive), Optout Ltd (at risk, every contact
 * opted out or without consent), Quiet GmbH (watch, no activity for 60 days), a prospect and a
 * churned account (neither is scored when the run covers every customer).
 */
export async function writeCsBook(sql: Sql, slug: string): Promise<CsBook> {
  const t = (await ensureTenant(sql, { slug, name: slug })).id;
  const ownerId = await one(
    sql`INSERT INTO users (tenant_id, name, role) VALUES (${t}, 'Olga Owner', 'cs') RETURNING id`,
  );
  const account = (
    name: string,
    segment: string,
    stage: string,
    seats: number,
    arr: number,
    since: string,
    renewal: string,
  ) =>
    one(sql`INSERT INTO accounts (tenant_id, name, segment, plan, lifecycle_stage, seats_purchased, mrr, arr,
                                  customer_since, renewal_date, owner_id)
            VALUES (${t}, ${name}, ${segment}, 'business', ${stage}, ${seats}, ${arr / 12}, ${arr}, ${since},
                    ${renewal}, ${ownerId}) RETURNING id`);
  const accounts = {
    healthy: await account("Healthy Co", "mid-market", "customer", 100, 60_000, "2022-01-01", "2027-06-01"),
    risky: await account("Risky Inc", "enterprise", "customer", 200, 120_000, "2026-06-01", "2027-01-14"),
    optedOut: await account("Optout Ltd", "smb", "customer", 20, 6_000, "2026-07-01", "2027-07-01"),
    quiet: await account("Quiet GmbH", "smb", "customer", 10, 3_000, "2024-01-01", "2027-09-01"),
    prospect: await account("Prospect AG", "smb", "prospect", 5, 0, "2026-01-01", "2027-01-01"),
    churned: await account("Gone SA", "smb", "churned", 5, 0, "2024-01-01", "2026-10-01"),
  };
  const usage = async (id: string, recent: number, prior: number, seatsUsed: number) => {
    for (const [i, month] of MONTHS.entries())
      await sql`INSERT INTO product_usage (tenant_id, account_id, period_start, active_users, seats_used, events)
                VALUES (${t}, ${id}, ${month}, ${i >= 3 ? recent : prior}, ${seatsUsed}, 1000)`;
  };
  await usage(accounts.healthy, 90, 80, 95);
  await usage(accounts.risky, 30, 60, 60);
  await usage(accounts.optedOut, 4, 12, 5);
  await usage(accounts.quiet, 6, 6, 7);
  const activity = (id: string, kind: string, daysAgo: number) =>
    sql`INSERT INTO activities (tenant_id, account_id, kind, direction, subject, occurred_at)
        VALUES (${t}, ${id}, ${kind}, 'outbound', ${`${kind} with the customer`}, ${ago(daysAgo)})`;
  await activity(accounts.healthy, "meeting", 10);
  await activity(accounts.risky, "email", 120);
  await activity(accounts.optedOut, "call", 100);
  await activity(accounts.quiet, "email", 60);
  const contact = (
    id: string,
    first: string,
    role: string,
    consent: boolean,
    optedOut: Date | null,
    title: string,
  ) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, title, role, email, email_consent,
                                  opted_out_at)
            VALUES (${t}, ${id}, ${first}, 'Doe', ${title}, ${role}, ${`${first.toLowerCase()}@${slug}.example`},
                    ${consent}, ${optedOut}) RETURNING id`);
  const contacts = {
    cara: await contact(accounts.risky, "Cara", "champion", true, null, "Head of Ops"),
    eve: await contact(accounts.risky, "Eve", "executive", true, null, "CEO"),
    otto: await contact(accounts.optedOut, "Otto", "champion", false, ago(30), "Owner"),
    nina: await contact(accounts.optedOut, "Nina", "user", false, null, "Analyst"),
  };
  await contact(accounts.healthy, "Hana", "champion", true, null, "Director");
  const ticket = (
    id: string,
    subject: string,
    o: {
      days: number;
      status: string;
      priority: string;
      category?: string;
      csat?: number;
      triage?: postgres.JSONValue;
    },
  ) =>
    one(sql`INSERT INTO tickets (tenant_id, account_id, subject, body, status, priority, category, created_at,
                                 resolved_at, csat, triage)
            VALUES (${t}, ${id}, ${subject}, ${`${subject}.`}, ${o.status}, ${o.priority}, ${o.category ?? "bug"},
                    ${ago(o.days)}, ${o.status === "resolved" ? ago(o.days - 2) : null}, ${o.csat ?? null},
                    ${o.triage ? sql.json(o.triage) : null}) RETURNING id`);
  const triage = {
    priority: { value: "high", confidence: 0.9 },
    sentiment: { value: "negative", confidence: 0.8 },
    at: ago(4).toISOString(),
  };
  const tickets = {
    hot: await ticket(accounts.risky, "Exports fail every night", {
      days: 5,
      status: "open",
      priority: "medium",
      triage,
    }),
    old: await ticket(accounts.risky, "Dashboard slow", { days: 60, status: "open", priority: "low" }),
    billing: await ticket(accounts.risky, "Invoice is wrong", {
      days: 40,
      status: "resolved",
      priority: "medium",
      category: "billing",
      csat: 1,
    }),
    optedOutNew: await ticket(accounts.optedOut, "Cannot log in", {
      days: 3,
      status: "open",
      priority: "low",
    }),
  };
  return { tenantId: t, ownerId, accounts, contacts, tickets };
}

/** Sets a tenant's customer-success settings (`tenants.settings.cs`). */
export async function setCsSettings(sql: Sql, tenantId: string, cs: unknown): Promise<void> {
  await sql`UPDATE tenants SET settings = jsonb_set(settings, '{cs}', ${sql.json(cs as postgres.JSONValue)}) WHERE id = ${tenantId}`;
}
