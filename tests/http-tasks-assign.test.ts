import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant } from "../db/index.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

// The clock is SALES_AS_OF, 2026-11-01T12:00:00Z (openHttpApp): "today" is 2026-11-01 in UTC and
// 2026-11-02 in Auckland (UTC+13).
type Task = { id: string; assignee_id: string | null; assignee_name: string | null; status: string };
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(STORE_KINDS)("HTTP task reassignment on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let accountId: string;
  const people: Record<string, string> = {};
  let n = 0;

  const person = async (
    name: string,
    role: string,
    hours: number,
    o: { skills?: string[]; tz?: string; active?: boolean } = {},
  ) => {
    const [row] = await h.store.sql<{ id: string }[]>`
      INSERT INTO users (tenant_id, name, role, capacity_hours_per_day, skills, time_zone, active)
      VALUES (${t.tenantId}, ${name}, ${role}, ${hours}, ${o.skills ?? []}, ${o.tz ?? "UTC"}, ${o.active ?? true})
      RETURNING id`;
    return row!.id;
  };
  const task = async (o: {
    source?: string;
    type?: string;
    minutes: number;
    due?: string | null;
    skill?: string | null;
    assignee?: string | null;
    status?: string;
    planId?: string | null;
  }) => {
    const [row] = await h.store.sql<{ id: string }[]>`
      INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, estimated_minutes, required_skill, due_at,
                         dedupe_key, source_agent, assignee_id, status, plan_id)
      VALUES (${t.tenantId}, ${o.type ?? "call_hot_lead"}, ${`task ${n}`}, 'test', 'account', ${accountId}, ${o.minutes},
              ${o.skill ?? null}, ${o.due ?? null}, ${`k${n++}`}, ${o.source ?? "sales"}, ${o.assignee ?? null},
              ${o.status ?? "open"}, ${o.planId ?? null})
      RETURNING id`;
    return row!.id;
  };
  const assign = (id: string, assignee: string | null, key = t.keys.write) =>
    call<Task & ErrorBody>(h.app, "PATCH", `/v1/tasks/${id}`, { key, body: { assignee_id: assignee } });
  const assigneeOf = async (id: string) =>
    (await h.store.sql<{ assignee_id: string | null }[]>`SELECT assignee_id FROM tasks WHERE id = ${id}`)[0]!
      .assignee_id;

  beforeAll(async () => {
    h = await openHttpApp(kind);
    t = await keyedTenant(h.store, "assign");
    const [acc] = await h.store.sql<{ id: string }[]>`
      INSERT INTO accounts (tenant_id, name) VALUES (${t.tenantId}, 'Acme') RETURNING id`;
    accountId = acc!.id;
    people.ana = await person("Ana Rep", "rep", 6);
    people.bo = await person("Bo Rep", "rep", 1);
    people.cy = await person("Cy Success", "cs", 2, { skills: ["escalations"] });
    people.dee = await person("Dee Gone", "rep", 6, { active: false });
    people.kiri = await person("Kiri Rep", "rep", 0.5, { tz: "Pacific/Auckland" });
  });
  afterAll(() => h?.close());

  it("reassigns within the person's capacity for the task's day, and audits what the check saw", async () => {
    const first = await task({ minutes: 45, due: "2026-11-01T15:00:00Z" });
    const ok = await assign(first, people.bo!);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ id: first, assignee_id: people.bo, assignee_name: "Bo Rep" });
    const [audit] = await h.store.sql<{ actor: string; details: Record<string, unknown> }[]>`
      SELECT actor, details FROM audit_log WHERE entity_id = ${first} AND action = 'task.reassigned'`;
    expect(audit!.actor).toMatch(/^api_key:/);
    expect(audit!.details).toEqual({
      from: null,
      to: people.bo,
      day: "2026-11-01",
      load_minutes: 0,
      capacity_minutes: 60,
      task_minutes: 45,
    });
    // 45 of Bo's 60 minutes are taken today: 30 more do not fit, and nothing changes
    const second = await task({ minutes: 30, due: "2026-11-01T17:00:00Z" });
    const full = await assign(second, people.bo!);
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: "ASSIGNEE_OVER_CAPACITY", field: "assignee_id" });
    expect(full.body.error.message).toBe(
      "Bo Rep has 45 of 60 minutes taken on 2026-11-01; this task needs 30 more",
    );
    expect(await assigneeOf(second)).toBeNull();
    // overdue work counts today; work due another day fits
    const overdue = await task({ minutes: 20, due: "2026-10-20T09:00:00Z" });
    expect((await assign(overdue, people.bo!)).body.error?.code).toBe("ASSIGNEE_OVER_CAPACITY");
    const later = await task({ minutes: 30, due: "2026-11-03T09:00:00Z" });
    expect((await assign(later, people.bo!)).status).toBe(200);
    // the day is the person's: 20:00 UTC on Nov 1 is Nov 2 in Auckland, which is already Kiri's today
    const kiwi = await task({ minutes: 40, due: "2026-11-01T20:00:00Z" });
    const tz = await assign(kiwi, people.kiri!);
    expect(tz.body.error.message).toBe(
      "Kiri Rep has 0 of 30 minutes taken on 2026-11-02; this task needs 40 more",
    );
  });

  it("refuses a person of the wrong role, without the skill, or inactive, naming why", async () => {
    const sales = await task({ minutes: 10 });
    const role = await assign(sales, people.cy!);
    expect(role.status).toBe(409);
    expect(role.body.error).toEqual({
      code: "ASSIGNEE_ROLE",
      message: "sales tasks go to rep; Cy Success is cs",
      field: "assignee_id",
    });
    // the planner's skill for cs_escalation tasks, and a task's own required skill
    const escalation = await task({ source: "cs", type: "cs_escalation", minutes: 30 });
    expect((await assign(escalation, people.cy!)).status).toBe(200);
    const legal = await task({ source: "cs", type: "renewal_prep", minutes: 10, skill: "legal" });
    const skill = await assign(legal, people.cy!);
    expect(skill.body.error).toMatchObject({ code: "ASSIGNEE_SKILL", field: "assignee_id" });
    expect(skill.body.error.message).toContain("legal");
    const inactive = await assign(sales, people.dee!);
    expect(inactive.body.error).toMatchObject({ code: "ASSIGNEE_INACTIVE", field: "assignee_id" });
    const closed = await task({ minutes: 10, status: "done" });
    expect((await assign(closed, people.ana!)).body.error).toMatchObject({
      code: "TASK_CLOSED",
      field: "id",
    });
    expect(await assigneeOf(sales)).toBeNull();
  });

  it("answers 404 for unknown tasks and people (another tenant's read as unknown), 400 for nothing to change", async () => {
    const mine = await task({ minutes: 10 });
    const other = await ensureTenant(h.store.sql, { slug: "assign-other", name: "Other" });
    const [stranger] = await h.store.sql<{ id: string }[]>`
      INSERT INTO users (tenant_id, name, role) VALUES (${other.id}, 'Stranger', 'rep') RETURNING id`;
    for (const id of [stranger!.id, "1f0e8c1a-0000-4000-8000-000000000000"]) {
      const res = await assign(mine, id);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({
        code: "PERSON_NOT_FOUND",
        message: `person ${id} not found`,
        field: "assignee_id",
      });
    }
    const unknown = await assign("1f0e8c1a-0000-4000-8000-000000000001", people.ana!);
    expect(unknown.body.error).toMatchObject({ code: "TASK_NOT_FOUND", field: "id" });
    const empty = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${mine}`, { key: t.keys.write, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("body");
    const notUuid = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${mine}`, {
      key: t.keys.write,
      body: { assignee_id: "ana" },
    });
    expect(notUuid.body.error.field).toBe("assignee_id");
    expect((await assign(mine, people.ana!, t.keys.read)).status).toBe(403);
  });

  it("unassigns, changes status and assignee together, and takes a reassigned task out of the rep's planned day", async () => {
    const [plan] = await h.store.sql<{ id: string }[]>`
      INSERT INTO plans (tenant_id, plan_date, status, as_of) VALUES (${t.tenantId}, '2026-11-05', 'solved', now())
      RETURNING id`;
    const planned = await task({
      minutes: 50,
      due: "2026-11-20T09:00:00Z",
      assignee: people.ana!,
      planId: plan!.id,
    });
    await h.store.sql`
      INSERT INTO plan_assignments (tenant_id, plan_id, task_id, user_id, position, starts_at, ends_at, minutes, value, match)
      VALUES (${t.tenantId}, ${plan!.id}, ${planned}, ${people.ana!}, 0, '2026-11-05T09:00:00Z', '2026-11-05T09:50:00Z', 50, 1, 'owner')`;
    const [run] = await h.store.sql<{ id: string }[]>`
      INSERT INTO agent_runs (tenant_id, agent, target, status) VALUES (${t.tenantId}, 'plan', '{"kind":"all"}', 'succeeded')
      RETURNING id`;
    await h.store.sql`UPDATE tasks SET assigned_run_id = ${run!.id} WHERE id = ${planned}`;
    const moved = await assign(planned, people.bo!);
    expect(moved.status).toBe(200);
    // a person assigned it now, not the planner run
    const [after] = await h.store.sql<{ assigned_run_id: string | null; plan_id: string | null }[]>`
      SELECT assigned_run_id, plan_id FROM tasks WHERE id = ${planned}`;
    expect(after).toEqual({ assigned_run_id: null, plan_id: plan!.id });
    const [audit] = await h.store.sql<{ details: { day: string } }[]>`
      SELECT details FROM audit_log WHERE entity_id = ${planned} AND action = 'task.reassigned'`;
    // its day is the plan's, not its due date
    expect(audit!.details.day).toBe("2026-11-05");
    const placements = await h.store.sql`SELECT 1 FROM plan_assignments WHERE task_id = ${planned}`;
    expect(placements).toHaveLength(0);
    // Bo's 50 planned minutes on Nov 5 leave no room for 20 more due that day
    const sameDay = await task({ minutes: 20, due: "2026-11-05T16:00:00Z" });
    expect((await assign(sameDay, people.bo!)).body.error?.code).toBe("ASSIGNEE_OVER_CAPACITY");
    const both = await call<Task>(h.app, "PATCH", `/v1/tasks/${sameDay}`, {
      key: t.keys.write,
      body: { assignee_id: people.ana!, status: "in_progress" },
    });
    expect(both.body).toMatchObject({ assignee_id: people.ana, status: "in_progress" });
    const none = await assign(planned, null);
    expect(none.status).toBe(200);
    expect(none.body.assignee_id).toBeNull();
  });
});
