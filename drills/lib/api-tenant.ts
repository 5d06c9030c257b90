import { ensureDefaultEventRules } from "../../db/queries/event-rules.ts";
import { call, keyedTenant, type HttpHarness, type KeyedTenant } from "../../tests/support/http-app.ts";
import { writeSalesBook, type SalesBook } from "../../tests/support/sales-book.ts";
import { runSales } from "../../tests/support/sales-queries.ts";

/** A tenant with something behind every API resource, and the ids of its rows by kind. */
export interface PopulatedTenant extends KeyedTenant {
  slug: string;
  book: SalesBook;
  /** Ids by kind: runs, tasks, drafts, scores, plans, schedules, event_rules, api_keys, users, accounts, leads, deals. */
  ids: Record<string, string[]>;
  planDate: string;
  /** The tenant's ids, slug and key prefixes: none may show up in another tenant's answers. */
  secrets: string[];
}

/**
 * Writes the sales book for `slug` and gives it through the real code paths: an interrupted sales
 * run (scores, tasks, a pending draft), a queued cs run, a schedule, the default event rules, a
 * ticket and a plan of `planDate` with one assignment. API keys for every scope come from keyedTenant.
 */
export async function populateTenant(
  h: HttpHarness,
  slug: string,
  planDate: string,
): Promise<PopulatedTenant> {
  const sql = h.store.sql;
  const book = await writeSalesBook(sql, slug);
  const keyed = await keyedTenant(h.store, slug);
  const t = book.tenantId;
  await runSales(h.deps, t, { kind: "lead", id: book.leads.hot });
  const queued = await call(h.app, "POST", "/v1/runs", {
    key: keyed.keys.admin,
    body: { agent: "sales", target: { kind: "deal", id: book.deals.stalled } },
  });
  if (queued.status !== 202) throw new Error(`queued run: ${queued.status} ${JSON.stringify(queued.body)}`);
  const schedule = await call(h.app, "POST", "/v1/schedules", {
    key: keyed.keys.admin,
    body: { name: `${slug}-nightly`, agent: "cs", cron: "0 3 * * *", tz: "Europe/Berlin" },
  });
  if (schedule.status !== 201)
    throw new Error(`schedule: ${schedule.status} ${JSON.stringify(schedule.body)}`);
  await ensureDefaultEventRules(sql, t);
  // a ticket, so the ticket list has a row of its own to keep from other tenants
  await sql`
    INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, status, priority, queue, assignee_id)
    VALUES (${t}, ${book.accounts.acme}, ${book.contacts.carla}, ${`${slug}: login fails`}, 'cannot log in', 'open', 'high',
            'tech', ${book.users.rita})`;
  const [task] = await sql<{ id: string }[]>`SELECT id FROM tasks WHERE tenant_id = ${t} ORDER BY id LIMIT 1`;
  const [plan] = await sql<{ id: string }[]>`
    INSERT INTO plans (tenant_id, plan_date, status, as_of, method, objective, bound, stats)
    VALUES (${t}, ${planDate}, 'solved', now(), 'greedy', 10, 12, ${sql.json({ drill: slug })}) RETURNING id`;
  if (task)
    await sql`
      INSERT INTO plan_assignments (tenant_id, plan_id, task_id, user_id, position, starts_at, ends_at, minutes, value, match)
      VALUES (${t}, ${plan!.id}, ${task.id}, ${book.users.rita}, 0, now(), now() + interval '30 minutes', 30, 5, 'owner')`;
  const ids = async (table: string) =>
    (
      await sql<{ id: string }[]>`SELECT id::text AS id FROM ${sql(table)} WHERE tenant_id = ${t} ORDER BY id`
    ).map((r) => r.id);
  const all: Record<string, string[]> = {};
  for (const table of [
    "agent_runs",
    "tasks",
    "drafts",
    "scores",
    "plans",
    "schedules",
    "event_rules",
    "api_keys",
    "users",
    "accounts",
    "leads",
    "deals",
    "contacts",
    "tickets",
  ])
    all[table] = await ids(table);
  // every tenant's sales book has the same people and names: its ids, key prefixes and slug are its own
  const prefixes = await sql<{ prefix: string }[]>`SELECT prefix FROM api_keys WHERE tenant_id = ${t}`;
  const secrets = [t, slug, ...prefixes.map((r) => r.prefix), ...Object.values(all).flat()];
  return { ...keyed, slug, book, ids: all, planDate, secrets };
}
