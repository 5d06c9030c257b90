// Schedules (cron with a time zone, mirrored into both queue kinds, firing runs), tenant
// defaults, and event routing by rules a tenant changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import {
  createEventRule,
  deleteEventRule,
  listEventRules,
  updateEventRule,
} from "../db/queries/event-rules.ts";
import { createSchedule, deleteSchedule, getSchedule, listSchedules } from "../db/queries/schedules.ts";
import { agentNamed } from "../graphs/agents.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { routeEvent } from "../server/queue/events.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import {
  createTenantSchedule,
  deleteTenantSchedule,
  ensureTenantDefaults,
  mirrorSchedules,
} from "../server/queue/schedules.ts";
import type { JobQueue } from "../server/queue/types.ts";
import { queueProbe, queueProbeAgent } from "./support/queue-agent.ts";
import { probeTarget, writeQueueBook, type QueueBook } from "./support/queue-book.ts";
import { QUEUE_KINDS, testQueue, uniquePrefix, until } from "./support/queue-kit.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

const agent = queueProbeAgent();
const agents = (name: string) => (name === agent.name ? agent : agentNamed(name));
let store: Store;
let deps: Deps;
let book: QueueBook;
let other: QueueBook;

beforeAll(async () => {
  store = await openTestStore("postgres");
  deps = await testDeps(store);
  book = await writeQueueBook(store.sql, "sched-a", 2);
  other = await writeQueueBook(store.sql, "sched-b", 1);
});
afterAll(() => store?.close());

const runsOf = async (scheduleTrigger: string, tenantId: string) =>
  store.sql<{ id: string; status: string }[]>`
    SELECT id, status FROM agent_runs WHERE tenant_id = ${tenantId} AND trigger = ${scheduleTrigger} ORDER BY created_at`;

describe("schedules in the store", () => {
  it("refuses a bad cron pattern, time zone or name with a named error", async () => {
    const base = { name: "bad", agent: "sales", cron: "0 2 * * *" };
    await expect(
      createSchedule(store.sql, book.tenantId, { ...base, cron: "61 * * * *" }),
    ).rejects.toMatchObject({
      code: "INVALID_CRON",
    });
    await expect(createSchedule(store.sql, book.tenantId, { ...base, cron: "@daily" })).rejects.toMatchObject(
      {
        code: "INVALID_CRON",
      },
    );
    await expect(createSchedule(store.sql, book.tenantId, { ...base, tz: "Mars/Olympus" })).rejects.toThrow(
      /Mars\/Olympus/,
    );
    await expect(
      createSchedule(store.sql, book.tenantId, { ...base, name: "Has Spaces" }),
    ).rejects.toMatchObject({
      code: "INVALID_SCHEDULE_NAME",
    });
    const q = testQueue("memory", "unused");
    await expect(
      createTenantSchedule(store.sql, q, book.tenantId, { ...base, agent: "nobody" }, agents),
    ).rejects.toMatchObject({ code: "UNKNOWN_AGENT" });
    await q.close();
  });

  it("is tenant-scoped: another tenant's schedule reads as not found", async () => {
    const s = await createSchedule(store.sql, book.tenantId, {
      name: "mine",
      agent: "sales",
      cron: "0 3 * * 1",
    });
    await expect(getSchedule(store.sql, other.tenantId, s.id)).rejects.toMatchObject({
      code: "SCHEDULE_NOT_FOUND",
    });
    await expect(deleteSchedule(store.sql, other.tenantId, s.id)).rejects.toMatchObject({
      code: "SCHEDULE_NOT_FOUND",
    });
    await expect(
      createSchedule(store.sql, book.tenantId, { name: "mine", agent: "cs", cron: "0 3 * * *" }),
    ).rejects.toMatchObject({
      code: "SCHEDULE_EXISTS",
    });
    await deleteSchedule(store.sql, book.tenantId, s.id);
  });

  it("gives each tenant the nightly plan and the default rules once; deleted defaults stay deleted", async () => {
    const first = await ensureTenantDefaults(store.sql, null, other.tenantId);
    expect(first.schedule).toMatchObject({
      name: "nightly-plan",
      agent: "plan",
      cron: "0 2 * * *",
      tz: "UTC",
    });
    expect(first.rules).toBe(6);
    const again = await ensureTenantDefaults(store.sql, null, other.tenantId);
    expect(again).toEqual({ schedule: null, rules: 0 });
    expect((await listSchedules(store.sql, other.tenantId)).map((s) => s.name)).toEqual(["nightly-plan"]);
    await deleteSchedule(store.sql, other.tenantId, first.schedule!.id);
    await ensureTenantDefaults(store.sql, null, other.tenantId);
    expect(await listSchedules(store.sql, other.tenantId)).toEqual([]);
    expect(await listEventRules(store.sql, other.tenantId)).toHaveLength(6);
  });
});

describe.each(QUEUE_KINDS)("schedules on the %s queue", (kind) => {
  let queue: JobQueue;
  beforeAll(async () => {
    queue = testQueue(kind, uniquePrefix("sched"));
    await queue.startWorker(jobHandlers(deps, queue, { agents }), { concurrency: 2 });
  });
  afterAll(() => queue?.close());

  it("a cron schedule with a time zone fires runs until it is deleted", async () => {
    queueProbe.reset();
    const schedule = await createTenantSchedule(
      store.sql,
      queue,
      book.tenantId,
      {
        name: `every-second-${kind}`,
        agent: agent.name,
        cron: "* * * * * *",
        tz: "Asia/Kolkata",
        target: probeTarget(book),
      },
      agents,
    );
    expect(await queue.scheduleIds()).toContain(schedule.id);
    if (queue instanceof BullJobQueue) {
      const [bull] = queue.bullQueues();
      expect(await bull!.getJobScheduler(schedule.id)).toMatchObject({
        pattern: "* * * * * *",
        tz: "Asia/Kolkata",
      });
    }
    const runs = await until("two scheduled runs to succeed", async () => {
      const rows = await runsOf("schedule", book.tenantId);
      return rows.filter((r) => r.status === "succeeded").length >= 2 ? rows : null;
    });
    // one run per firing, never two at once on the target (a busy firing is skipped)
    expect(new Set(runs!.map((r) => r.id)).size).toBe(runs!.length);
    expect((await getSchedule(store.sql, book.tenantId, schedule.id)).last_fired_at).not.toBeNull();

    await deleteTenantSchedule(store.sql, queue, book.tenantId, schedule.id);
    expect(await queue.scheduleIds()).not.toContain(schedule.id);
    await new Promise((r) => setTimeout(r, 1500));
    const settled = (await runsOf("schedule", book.tenantId)).length;
    await new Promise((r) => setTimeout(r, 2000));
    expect((await runsOf("schedule", book.tenantId)).length).toBe(settled);
    await store.sql`DELETE FROM agent_runs WHERE tenant_id = ${book.tenantId} AND trigger = 'schedule'`;
  }, 60_000);

  it("mirrors the store's schedules into the queue: upserts enabled ones, removes the rest", async () => {
    const a = await createSchedule(store.sql, book.tenantId, {
      name: `m-a-${kind}`,
      agent: "sales",
      cron: "0 9 * * 1-5",
      tz: "Europe/Berlin",
    });
    const b = await createSchedule(store.sql, book.tenantId, {
      name: `m-b-${kind}`,
      agent: "cs",
      cron: "30 6 * * *",
    });
    await createSchedule(store.sql, book.tenantId, {
      name: `m-c-${kind}`,
      agent: "cs",
      cron: "30 7 * * *",
      enabled: false,
    });
    await queue.upsertSchedule({
      id: "00000000-0000-4000-8000-00000000dead",
      tenantId: book.tenantId,
      cron: "0 0 * * *",
      tz: "UTC",
    });

    const first = await mirrorSchedules(store.sql, queue);
    expect(first.removed).toBe(1);
    const ids = await queue.scheduleIds();
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain("00000000-0000-4000-8000-00000000dead");
    if (queue instanceof BullJobQueue) {
      // the pattern is read in the schedule's zone: the next firing is 09:00 in Berlin, on a weekday
      const next = new Date((await queue.bullQueues()[0]!.getJobScheduler(a.id))!.next!);
      const local = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Berlin",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      }).format(next);
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    }
    // mirroring again changes nothing
    expect(await mirrorSchedules(store.sql, queue)).toEqual({ upserted: first.upserted, removed: 0 });
    await deleteSchedule(store.sql, book.tenantId, b.id);
    expect((await mirrorSchedules(store.sql, queue)).removed).toBe(1);
    expect(await queue.scheduleIds()).not.toContain(b.id);
    await store.sql`DELETE FROM schedules WHERE tenant_id = ${book.tenantId} AND name LIKE ${`m-%-${kind}`}`;
    await mirrorSchedules(store.sql, queue);
  });
});

describe("event routing", () => {
  const queue = testQueue("memory", "unused");
  afterAll(() => queue.close());

  it("routes by the default rules, and by the rules after the tenant changed them", async () => {
    await ensureTenantDefaults(store.sql, null, book.tenantId);
    const lead = await routeEvent(
      deps,
      queue,
      book.tenantId,
      { type: "lead.created", data: { lead_id: book.leadId } },
      agents,
    );
    expect(lead.runs).toHaveLength(1);
    expect(lead.runs[0]!.run).toMatchObject({
      agent: "sales",
      trigger: "event",
      status: "queued",
      target: { kind: "lead", id: book.leadId },
    });

    // email.received: support on its ticket, else cs on its account
    const email = await routeEvent(
      deps,
      queue,
      book.tenantId,
      { type: "email.received", data: { account_id: book.accountIds[0] } },
      agents,
    );
    expect(email.rule).toMatchObject({ agent: "cs", target_kind: "account" });
    expect(email.runs[0]!.run).toMatchObject({
      agent: "cs",
      target: { kind: "account", id: book.accountIds[0] },
    });

    // the tenant sends usage reports to sales instead of cs, and turns lead routing off
    const rules = await listEventRules(store.sql, book.tenantId);
    const usage = rules.find((r) => r.event_type === "usage.reported")!;
    await updateEventRule(store.sql, book.tenantId, usage.id, { agent: "sales" });
    const leadRule = rules.find((r) => r.event_type === "lead.created")!;
    await updateEventRule(store.sql, book.tenantId, leadRule.id, { enabled: false });

    const event = { type: "usage.reported" as const, id: "evt-42", data: { account_id: book.accountIds[1] } };
    const routed = await routeEvent(deps, queue, book.tenantId, event, agents);
    expect(routed.runs[0]!.run).toMatchObject({
      agent: "sales",
      target: { kind: "account", id: book.accountIds[1] },
    });
    const repeated = await routeEvent(deps, queue, book.tenantId, event, agents);
    expect(repeated.runs[0]).toMatchObject({ created: false, run: { id: routed.runs[0]!.run.id } });
    expect(
      await routeEvent(
        deps,
        queue,
        book.tenantId,
        { type: "lead.created", data: { lead_id: book.leadId } },
        agents,
      ),
    ).toEqual({
      rule: null,
      runs: [],
    });

    // a rule of the tenant's own: deal events also go to cs on the account
    const added = await createEventRule(store.sql, book.tenantId, {
      eventType: "deal.stage_changed",
      agent: "cs",
      targetKind: "account",
      targetField: "account_id",
      position: -1,
    });
    const deal = await routeEvent(
      deps,
      queue,
      book.tenantId,
      { type: "deal.stage_changed", data: { account_id: book.accountIds[1] } },
      agents,
    );
    expect(deal.rule?.id).toBe(added.id);
    await deleteEventRule(store.sql, book.tenantId, added.id);
    // other tenants' rules are untouched
    expect(
      (await listEventRules(store.sql, other.tenantId)).find((r) => r.event_type === "usage.reported")!.agent,
    ).toBe("cs");
  });

  it("refuses bad events and rules with named errors", async () => {
    await expect(
      routeEvent(deps, queue, book.tenantId, { type: "lead.deleted" as never, data: {} }, agents),
    ).rejects.toMatchObject({ code: "INVALID_EVENT_TYPE" });
    await expect(
      routeEvent(deps, queue, book.tenantId, { type: "ticket.created", data: { ticket_id: "T-1" } }, agents),
    ).rejects.toMatchObject({ code: "INVALID_EVENT_DATA" });
    await expect(
      createEventRule(store.sql, book.tenantId, {
        eventType: "usage.reported",
        agent: "cs",
        targetKind: "planet" as never,
        targetField: "x",
      }),
    ).rejects.toMatchObject({ code: "INVALID_TARGET_KIND" });
    await expect(
      updateEventRule(store.sql, other.tenantId, (await listEventRules(store.sql, book.tenantId))[0]!.id, {
        position: 3,
      }),
    ).rejects.toMatchObject({ code: "EVENT_RULE_NOT_FOUND" });
  });
});
