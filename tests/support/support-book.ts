import type postgres from "postgres";
import { ensureTenant, type Sql } from "../../db/index.ts";

/** The instant the support graph tests run at (deps.now): a Monday, 14:00 UTC (working hours). */
export const SUPPORT_NOW = new Date("2026-11-16T14:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(SUPPORT_NOW.getTime() - ms);

/** Ids of the hand-built support book. */
export interface SupportBook {
  tenantId: string;
  people: { busy: string; free: string; deutsch: string; owner: string };
  accounts: { calm: string; risky: string };
  contacts: { cara: string; rita: string; olaf: string; other: string };
  articles: { password: string; billing: string; export: string };
  tickets: {
    password: string;
    billing: string;
    vague: string;
    risky: string;
    slaRisk: string;
    optedOut: string;
    german: string;
  };
}

const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/** Recorded, resolved tickets a person labelled: the history triage and SLA models learn from. */
const HISTORY: { category: string; queue: string; priority: string; texts: string[] }[] = [
  {
    category: "login_access",
    queue: "technical",
    priority: "high",
    texts: [
      "Cannot log in after password reset|I reset my password but the login page says my credentials are invalid.",
      "Password reset email never arrives|I asked for a password reset link twice and got nothing.",
      "Locked out of my account|After three wrong passwords my login is locked.",
      "SSO sign in loop|Signing in with SSO sends me back to the login page.",
      "Login fails for new user|Our new colleague cannot log in with the invited account password.",
      "Two-factor code rejected|The login code from my authenticator app is rejected.",
      "Forgot my password|How do I reset my password? I cannot sign in.",
      "Session expires at login|I log in and get logged out again right away.",
    ],
  },
  {
    category: "billing",
    queue: "billing",
    priority: "medium",
    texts: [
      "Update billing contact|Please send our invoices to a new billing contact address.",
      "Charged twice|We were charged twice for the same invoice this month.",
      "VAT number missing on invoice|Our invoice does not show our VAT number.",
      "Change payment card|How can I change the credit card used for billing?",
      "Invoice address wrong|The billing address on the invoice is outdated.",
      "Refund for unused seats|Can we get a refund for seats we removed?",
      "Download old invoices|Where can I download invoices from last year?",
      "Billing contact left the company|Our billing contact left, invoices should go to finance.",
    ],
  },
  {
    category: "data_export",
    queue: "technical",
    priority: "low",
    texts: [
      "Export records to CSV|How do I export all our records to a CSV file?",
      "CSV export is empty|The export file I downloaded has only the header row.",
      "Schedule a weekly export|Can exports be scheduled every week automatically?",
      "Export includes deleted records|Our CSV export still contains deleted records.",
      "Export fails with timeout|Exporting the full table fails after a minute.",
      "Export custom fields|Custom fields are missing from the CSV export.",
      "Export to Excel|Can I export the report as an Excel file instead of CSV?",
      "Export limits|Is there a row limit for exports?",
    ],
  },
];
/** Texts that say nothing about what is wrong, recorded under every intent (so no intent owns them). */
const GENERIC = [
  "Problem|It does not work, please help.",
  "Question|I have a question, can someone call me?",
  "Issue|Something is wrong with our account.",
];

const KB = {
  password: [
    "Reset your password",
    "If you cannot log in or forgot your password, open the sign-in page and click Forgot password. Enter your login email; the reset link arrives within minutes and is valid for 30 minutes. Choose a new password and log in.",
  ],
  billing: [
    "Change your billing contact or invoice address",
    "Invoices go to the billing contact on file. Admins can change the billing contact, invoice address and VAT number under Settings, Billing. New invoices use the updated billing contact.",
  ],
  export: [
    "Export your records to CSV",
    "Open a list, choose Export and pick CSV. The export includes every visible column and custom fields; large exports are emailed when ready.",
  ],
} as const;

/**
 * A support team and book: Ada (busy: 8 open tickets of her 10) and Ben (free), both technical and
 * billing; Dora (account, German); Olga, the CS owner of both accounts. Calm Co (healthy) and
 * Risky Inc (churn probability 0.8). Three help articles. 39 resolved, labelled tickets of three
 * intents with SLA targets and response times. New open tickets, one per situation the agent meets.
 */
export async function writeSupportBook(sql: Sql, slug: string): Promise<SupportBook> {
  const t = (await ensureTenant(sql, { slug, name: slug })).id;
  const user = (name: string, role: string, skills: string[], zone = "Europe/London") =>
    one(sql`INSERT INTO users (tenant_id, name, role, skills, capacity_hours_per_day, time_zone)
            VALUES (${t}, ${name}, ${role}, ${skills}, 5, ${zone}) RETURNING id`);
  const people = {
    busy: await user("Ada Busy", "support", ["technical", "billing"]),
    free: await user("Ben Free", "support", ["technical", "billing"]),
    deutsch: await user("Dora Deutsch", "support", ["account", "language:de"], "Europe/Berlin"),
    owner: await user("Olga Owner", "cs", ["renewals"]),
  };
  const account = (name: string) =>
    one(sql`INSERT INTO accounts (tenant_id, name, segment, plan, lifecycle_stage, seats_purchased, mrr, arr, owner_id)
            VALUES (${t}, ${name}, 'mid-market', 'business', 'customer', 50, 2000, 24000, ${people.owner}) RETURNING id`);
  const accounts = { calm: await account("Calm Co"), risky: await account("Risky Inc") };
  const contact = (acc: string, first: string, consent: boolean) =>
    one(sql`INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email, email_consent, opted_out_at)
            VALUES (${t}, ${acc}, ${first}, 'Doe', 'user', ${`${first.toLowerCase()}@${slug}.example`}, ${consent},
                    ${consent ? null : ago(10 * DAY)}) RETURNING id`);
  const contacts = {
    cara: await contact(accounts.calm, "Cara", true),
    rita: await contact(accounts.risky, "Rita", true),
    olaf: await contact(accounts.calm, "Olaf", false),
    other: await contact(accounts.calm, "Otto", true),
  };
  await sql`INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, probability, tier, reasons, model_version, agent, idempotency_key)
            VALUES (${t}, 'account', ${accounts.risky}, 'churn', 80, 0.8, 'high', '[]', 'churn-test', 'cs', 'risky-churn'),
                   (${t}, 'account', ${accounts.calm}, 'churn', 10, 0.1, 'low', '[]', 'churn-test', 'cs', 'calm-churn')`;
  const article = ([title, body]: readonly [string, string]) =>
    one(sql`INSERT INTO kb_articles (tenant_id, title, body, url) VALUES (${t}, ${title}, ${body},
            ${`https://help.example/${title.toLowerCase().replaceAll(" ", "-")}`}) RETURNING id`);
  const articles = {
    password: await article(KB.password),
    billing: await article(KB.billing),
    export: await article(KB.export),
  };

  const SLA: Record<string, [number, number]> = {
    critical: [60, 480],
    high: [240, 1440],
    medium: [480, 2880],
    low: [1440, 5760],
  };
  let n = 0;
  const history = async (category: string, queue: string, priority: string, text: string) => {
    const [subject, body] = text.split("|") as [string, string];
    const [first, resolve] = SLA[priority]!;
    const created = ago((3 + (n % 40)) * DAY + (n % 7) * 3_600_000);
    const ratio = 0.3 + ((n * 37) % 100) / 110; // 0.3 … 1.2: some recorded tickets missed their target
    n++;
    await sql`INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, priority, queue, category,
                                   created_at, first_response_at, resolved_at, sla_first_response_minutes,
                                   sla_resolution_minutes, assignee_id, language)
              VALUES (${t}, ${accounts.calm}, ${contacts.cara}, ${subject}, ${body}, 'resolved', ${priority}, ${queue},
                      ${category}, ${created}, ${new Date(created.getTime() + ratio * first * MIN)},
                      ${new Date(created.getTime() + ratio * resolve * MIN)}, ${first}, ${resolve}, ${people.free}, 'en')`;
  };
  for (const h of HISTORY) {
    for (const text of h.texts) await history(h.category, h.queue, h.priority, text);
    for (const text of GENERIC) await history(h.category, h.queue, h.priority, text);
  }
  // Ada's current load: 8 tickets waiting on customers
  for (let i = 0; i < 8; i++)
    await sql`INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, priority, queue, category,
                                   created_at, first_response_at, sla_first_response_minutes, sla_resolution_minutes,
                                   assignee_id, language)
              VALUES (${t}, ${accounts.calm}, ${contacts.cara}, ${`Waiting ${i}`}, 'We sent the logs you asked for.',
                      'pending', 'low', 'technical', 'data_export', ${ago(2 * DAY)}, ${ago(DAY)}, 1440, 100000,
                      ${people.busy}, 'en')`;
  const open = (
    contact: string,
    acc: string,
    text: string,
    o: { minutesAgo: number; sla?: [number, number]; priority?: string },
  ) => {
    const [subject, body] = text.split("|") as [string, string];
    const [first, resolve] = o.sla ?? [240, 2880];
    return one(sql`INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, priority, created_at,
                                        sla_first_response_minutes, sla_resolution_minutes)
                   VALUES (${t}, ${acc}, ${contact}, ${subject}, ${body}, 'open', ${o.priority ?? null},
                           ${ago(o.minutesAgo * MIN)}, ${first}, ${resolve}) RETURNING id`);
  };
  const tickets = {
    password: await open(
      contacts.cara,
      accounts.calm,
      "Cannot log in after password reset|I reset my password this morning and still cannot log in. Could you check my login?",
      { minutesAgo: 10 },
    ),
    billing: await open(
      contacts.cara,
      accounts.calm,
      "Update billing contact|Please send future invoices to our new billing contact in finance.",
      { minutesAgo: 12 },
    ),
    vague: await open(contacts.cara, accounts.calm, "Question|Something is wrong, please help.", {
      minutesAgo: 15,
    }),
    risky: await open(
      contacts.rita,
      accounts.risky,
      "CSV export is empty|The CSV export I downloaded is empty again.",
      { minutesAgo: 20 },
    ),
    slaRisk: await open(
      contacts.cara,
      accounts.calm,
      "Export fails with timeout|Exporting our records fails after a minute every time.",
      { minutesAgo: 56, sla: [60, 480], priority: "critical" },
    ),
    optedOut: await open(
      contacts.olaf,
      accounts.calm,
      "Forgot my password|I cannot log in, how do I reset my password?",
      { minutesAgo: 5 },
    ),
    german: await open(
      contacts.cara,
      accounts.calm,
      "Rechnung|Bitte senden Sie die Rechnung an unsere neue Adresse. Vielen Dank.",
      { minutesAgo: 8 },
    ),
  };
  return { tenantId: t, people, accounts, contacts, articles, tickets };
}

/** Adds `n` new, unassigned technical tickets (for routing under load). */
export async function addTechnicalTickets(sql: Sql, b: SupportBook, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      await one(sql`INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, created_at,
                                         sla_first_response_minutes, sla_resolution_minutes)
                    VALUES (${b.tenantId}, ${b.accounts.calm}, ${b.contacts.cara}, ${`Export custom fields ${i}`},
                            'Custom fields are missing from our CSV export.', 'open', ${ago((30 + i) * MIN)}, 480, 2880)
                    RETURNING id`),
    );
  return ids;
}

/** Sets a tenant's support settings (`tenants.settings.support`). */
export async function setSupportSettings(sql: Sql, tenantId: string, support: unknown): Promise<void> {
  await sql`UPDATE tenants SET settings = jsonb_set(settings, '{support}', ${sql.json(support as postgres.JSONValue)}) WHERE id = ${tenantId}`;
}
