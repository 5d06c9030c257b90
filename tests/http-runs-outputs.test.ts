// A run's outputs are what that run produced (task provenance kept apart from the plan that
// assigned the task), with totals and cursor paging; GET /v1/runs lists runs with filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentNamed } from "../graphs/agents.ts";
import { runNightlyPlan } from "../graphs/planner/index.ts";
import { runAgent } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Run = {
  id: string;
  agent: string;
  status: string;
  trigger: string;
  created_at: string;
  outputs: { scores: number; tasks: number; drafts: number };
};
type Task = {
  id: string;
  created: boolean;
  proposed_by_agent: string;
  proposed_by_run_id: string | null;
  plan_id: string | null;
  assigned_run_id: string | null;
};
type Totals = { scores: number; tasks: number; drafts: number };
type RunBody = { run: Run; outputs: { scores: unknown[]; tasks: Task[]; drafts: unknown[] }; totals: Totals };
type Page<T> = { data: T[]; page: { limit: number; next_cursor: string | null; total: number } };
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(STORE_KINDS)("run outputs and the run list on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SalesBook;
  let salesRun: string;
  let planRun: string;

  beforeAll(async () => {
    h = await openHttpApp(kind);
    book = await writeSalesBook(h.store.sql, "outputs-page");
    t = await keyedTenant(h.store, "outputs-page");
    const sales = await runAgent(h.deps, agentNamed("sales"), {
      tenantId: t.tenantId,
      target: { kind: "all" },
      trigger: "cli",
    });
    salesRun = sales.run.id;
    await runNightlyPlan(h.deps, { tenantId: t.tenantId, date: SALES_AS_OF.toISOString().slice(0, 10) });
    const [plan] = await h.store.sql<{ run_id: string }[]>`
      SELECT run_id FROM plans WHERE tenant_id = ${t.tenantId}`;
    planRun = plan!.run_id;
  }, 120_000);
  afterAll(() => h?.close());

  const get = <T>(path: string) => call<T>(h.app, "GET", path, { key: t.keys.read });

  it("an agent's run still lists its tasks after the plan; who proposed is kept apart from who assigned", async () => {
    const res = await get<RunBody>(`/v1/runs/${salesRun}`);
    expect(res.status).toBe(200);
    expect(res.body.totals.tasks).toBeGreaterThan(0);
    expect(res.body.outputs.tasks).toHaveLength(Math.min(20, res.body.totals.tasks));
    for (const task of res.body.outputs.tasks) {
      expect(task).toMatchObject({ created: true, proposed_by_agent: "sales", proposed_by_run_id: salesRun });
    }
    const assigned = res.body.outputs.tasks.filter((x) => x.plan_id !== null);
    expect(assigned.length).toBeGreaterThan(0);
    for (const task of assigned) expect(task.assigned_run_id).toBe(planRun);
    // the planner run proposed them again: its outputs list them too, as not created by it
    const plan = await get<Page<Task>>(`/v1/runs/${planRun}/outputs?kind=tasks&limit=200`);
    const again = plan.body.data.filter((x) => res.body.outputs.tasks.some((s) => s.id === x.id));
    expect(again.length).toBeGreaterThan(0);
    for (const task of again) expect(task).toMatchObject({ created: false, proposed_by_run_id: salesRun });
  });

  it("pages every output of a kind with a cursor; the pages add up to the total", async () => {
    const { totals } = (await get<RunBody>(`/v1/runs/${salesRun}`)).body;
    for (const k of ["scores", "tasks", "drafts"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/v1/runs/${salesRun}/outputs?kind=${k}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page: { status: number; body: Page<{ id: string }> } = await get(q);
        expect(page.status).toBe(200);
        expect(page.body.page.total).toBe(totals[k]);
        seen.push(...page.body.data.map((r) => r.id));
        cursor = page.body.page.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(totals[k]);
      expect(new Set(seen).size).toBe(totals[k]);
    }
    expect(totals.scores).toBeGreaterThan(2);
    const big = await get<ErrorBody>(`/v1/runs/${salesRun}/outputs?kind=tasks&limit=201`);
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ field: "limit" });
    expect(big.body.error.message).toContain("200");
    const bad = await get<ErrorBody>(`/v1/runs/${salesRun}/outputs?kind=tasks&cursor=nope`);
    expect(bad.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    const kindless = await get<ErrorBody>(`/v1/runs/${salesRun}/outputs`);
    expect(kindless.body.error.field).toBe("kind");
    const unknown = await get<ErrorBody>(`/v1/runs/00000000-0000-4000-8000-000000000000/outputs?kind=tasks`);
    expect(unknown.status).toBe(404);
    const other = await keyedTenant(h.store, "outputs-page-other");
    expect(
      (await call(h.app, "GET", `/v1/runs/${salesRun}/outputs?kind=tasks`, { key: other.keys.read })).status,
    ).toBe(404);
  });

  it("GET /v1/runs filters by agent, status, trigger, target and date, newest first, paged with a total", async () => {
    const second = await runAgent(h.deps, agentNamed("sales"), {
      tenantId: t.tenantId,
      target: { kind: "lead", id: book.leads.warm },
      trigger: "api",
    });
    const all = await get<Page<Run>>("/v1/runs");
    expect(all.status).toBe(200);
    expect(all.body.page.total).toBe(3);
    expect(all.body.data.map((r) => r.id)).toEqual([second.run.id, planRun, salesRun]);
    // each row says what its run wrote: the same totals as the run's own page
    for (const r of all.body.data) {
      const one = await get<{ totals: { scores: number; tasks: number; drafts: number } }>(
        `/v1/runs/${r.id}`,
      );
      expect(r.outputs, r.agent).toEqual(one.body.totals);
    }
    expect(all.body.data.find((r) => r.id === salesRun)!.outputs.scores).toBeGreaterThan(0);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<Run> } = await get(`/v1/runs?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.page.total).toBe(3);
      pages.push(...page.body.data.map((r) => r.id));
      cursor = page.body.page.next_cursor;
    } while (cursor);
    expect(pages).toEqual([second.run.id, planRun, salesRun]);

    const ids = async (q: string) => (await get<Page<Run>>(`/v1/runs?${q}`)).body.data.map((r) => r.id);
    expect(await ids("agent=sales")).toEqual([second.run.id, salesRun]);
    expect(await ids("agent=planner")).toEqual([planRun]);
    expect(await ids("trigger=cli")).toEqual([salesRun]);
    expect(await ids(`target_kind=lead&target_id=${book.leads.warm}`)).toEqual([second.run.id]);
    expect(await ids("status=succeeded&agent=planner")).toEqual([planRun]);
    const firstAt = all.body.data[2]!.created_at;
    expect(await ids(`created_to=${encodeURIComponent(firstAt)}`)).toEqual([]);
    expect(await ids(`created_from=${encodeURIComponent(firstAt)}&agent=sales&trigger=cli`)).toEqual([
      salesRun,
    ]);

    const badStatus = await get<ErrorBody>("/v1/runs?status=done");
    expect(badStatus.body.error.field).toBe("status");
    const badDate = await get<ErrorBody>("/v1/runs?created_from=yesterday");
    expect(badDate.body.error.field).toBe("created_from");
    const other = await keyedTenant(h.store, "outputs-page-list");
    const theirs = await call<Page<Run>>(h.app, "GET", "/v1/runs", { key: other.keys.read });
    expect(theirs.body).toMatchObject({ data: [], page: { total: 0 } });
  });

  it("the OpenAPI document describes the run list and the outputs pages", async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(h.app, "GET", "/openapi.json");
    expect(Object.keys(doc.body.paths["/v1/runs"]!)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(doc.body.paths["/v1/runs/{id}/outputs"]).toHaveProperty("get");
  });
});
