import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { openApi31Problems } from "./support/http-openapi.ts";

describe("OpenAPI document, docs, health and metrics", () => {
  let h: HttpHarness;
  let t: KeyedTenant;

  beforeAll(async () => {
    h = await openHttpApp("postgres");
    t = await keyedTenant(h.store, "ops");
  });
  afterAll(() => h?.close());

  it("/openapi.json is a valid OpenAPI 3.1 document describing every route the app serves", async () => {
    const res = await call<Record<string, unknown>>(h.app, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(openApi31Problems(res.body)).toEqual([]);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    // the workspace's HTML pages (/, /app/…) and the files pages load are not API routes
    const page = (path: string) => path === "/" || /^\/(app|web\/assets|docs\/assets)(\/|$)/.test(path);
    const served = h.app.routes
      .filter((r) => r.method !== "ALL" && !["/openapi.json", "/docs"].includes(r.path) && !page(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:([a-z_]+)/g, "{$1}")}`);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
    expect(documented).toEqual(
      expect.arrayContaining([
        "POST /v1/runs",
        "GET /v1/runs/{id}",
        "GET /v1/runs/{id}/events",
        "POST /v1/runs/{id}/cancel",
        "GET /v1/approvals",
        "POST /v1/runs/{id}/approval",
        "GET /v1/tasks",
        "PATCH /v1/tasks/{id}",
        "GET /v1/scores",
        "GET /v1/drafts",
        "GET /v1/schedules",
        "POST /v1/schedules",
        "PATCH /v1/schedules/{id}",
        "DELETE /v1/schedules/{id}",
        "POST /v1/events",
        "GET /v1/event-rules",
        "PUT /v1/event-rules",
        "GET /v1/plans",
        "GET /v1/plans/{date}",
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
      ]),
    );
    const schemes = (res.body.components as { securitySchemes: Record<string, unknown> }).securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("serves the docs UI at /docs", async () => {
    const res = await h.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("/openapi.json");
  });

  it("/metrics reports runs by agent and status, durations, tokens and queue jobs, from the store", async () => {
    const run = (agent: string, status: string, seconds: number, tokens: [number, number]) => h.store.sql`
      INSERT INTO agent_runs (tenant_id, agent, target, status, started_at, finished_at, usage)
      VALUES (${t.tenantId}, ${agent}, '{"kind":"all"}', ${status}, '2026-11-01T00:00:00Z',
              ${new Date(Date.parse("2026-11-01T00:00:00Z") + seconds * 1000)},
              ${h.store.sql.json({ total: { calls: 1, inputTokens: tokens[0], outputTokens: tokens[1] } })})`;
    await run("sales", "succeeded", 3, [100, 20]);
    await run("sales", "succeeded", 45, [200, 30]);
    await run("cs", "failed", 0.2, [0, 0]);
    const res = await h.app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const line of [
      'crm_runs{agent="sales",status="succeeded"} 2',
      'crm_runs{agent="cs",status="failed"} 1',
      'crm_run_duration_seconds_bucket{agent="sales",le="5"} 1',
      'crm_run_duration_seconds_bucket{agent="sales",le="60"} 2',
      'crm_run_duration_seconds_bucket{agent="sales",le="+Inf"} 2',
      'crm_run_duration_seconds_sum{agent="sales"} 48',
      'crm_run_duration_seconds_count{agent="cs"} 1',
      'crm_llm_tokens_total{agent="sales",direction="input"} 300',
      'crm_llm_tokens_total{agent="sales",direction="output"} 50',
      'crm_llm_calls_total{agent="sales"} 2',
      'crm_queue_jobs{state="waiting",queue="memory"} 0',
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    expect(text).toContain("# TYPE crm_run_duration_seconds histogram");
    expect(text).toContain("process_resident_memory_bytes");
  });

  it("/healthz and /readyz need no key; /readyz answers 503 naming the check that failed", async () => {
    expect((await call(h.app, "GET", "/healthz")).body).toEqual({ ok: true });
    const ready = await call<{ ready: boolean; checks: Record<string, { ok: boolean }> }>(
      h.app,
      "GET",
      "/readyz",
    );
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ store: { ok: true }, queue: { ok: true } });
    expect((await call(h.app, "GET", "/admin/queues")).status).toBe(404); // no BullMQ behind the in-process runner
    await h.queue.close();
    const down = await call<{ ready: boolean; checks: { queue: { ok: boolean; error: string } } }>(
      h.app,
      "GET",
      "/readyz",
    );
    expect(down.status).toBe(503);
    expect(down.body.checks.queue).toMatchObject({ ok: false });
    expect(down.body.checks.queue.error).toMatch(/closed/);
  });
});

describe("with BullMQ behind the queue", () => {
  let h: HttpHarness;
  let t: KeyedTenant;

  beforeAll(async () => {
    const prefix = `http-ops-${randomBytes(4).toString("hex")}`;
    h = await openHttpApp("postgres", {
      queue: () => new BullJobQueue({ url: inject("redisUrl"), prefix, logger: createLogger("silent") }),
    });
    t = await keyedTenant(h.store, "board");
  });
  afterAll(() => h?.close());

  it("serves Bull Board at /admin/queues to the operator token only (bearer, or Basic for a browser)", async () => {
    const operator = randomBytes(24).toString("hex");
    const app = h.appWith({ operatorToken: operator });
    const none = await app.request("/admin/queues");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic/);
    const admin = await app.request("/admin/queues", {
      headers: { authorization: `Bearer ${t.keys.admin}` },
    });
    expect(admin.status).toBe(403); // a tenant's admin key: Bull Board shows every tenant's jobs
    const basic = Buffer.from(`ops:${operator}`).toString("base64");
    const page = await app.request("/admin/queues", { headers: { authorization: `Basic ${basic}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await app.request("/admin/queues/api/queues", {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain("jobs");
  });

  it("reports the BullMQ queue in /readyz and /metrics", async () => {
    expect((await call(h.app, "GET", "/readyz")).status).toBe(200);
    expect(await (await h.app.request("/metrics")).text()).toContain(
      'crm_queue_jobs{state="waiting",queue="bullmq"} 0',
    );
  });
});
