import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../db/queries/api-keys.ts";
import { writeSmallBook } from "./support/fixtures.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(STORE_KINDS)("HTTP auth and errors on %s", (kind) => {
  let h: HttpHarness;
  let a: KeyedTenant;
  let b: KeyedTenant;
  let taskA: string;

  beforeAll(async () => {
    h = await openHttpApp(kind, { bodyLimitBytes: 2048, rateLimit: { burst: 1000, perSecond: 1000 } });
    await writeSmallBook(h.store.sql, "tenant-a");
    a = await keyedTenant(h.store, "tenant-a");
    b = await keyedTenant(h.store, "tenant-b");
    const [task] = await h.store.sql<{ id: string }[]>`SELECT id FROM tasks WHERE tenant_id = ${a.tenantId}`;
    taskA = task!.id;
  });
  afterAll(() => h?.close());

  it("answers 401 without a key, with a malformed one, an unknown one and a revoked one", async () => {
    const missing = await call<ErrorBody>(h.app, "GET", "/v1/tasks");
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: "UNAUTHENTICATED", field: "authorization" });
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await call(h.app, "GET", "/v1/tasks", { key: "nonsense" })).status).toBe(401);
    const forged = a.keys.read.slice(0, -4) + "AAAA";
    expect((await call(h.app, "GET", "/v1/tasks", { key: forged })).status).toBe(401);
    const t = await keyedTenant(h.store, "tenant-revoked");
    expect((await call(h.app, "GET", "/v1/tasks", { key: t.keys.read })).status).toBe(200);
    await revokeApiKey(h.store.sql, t.tenantId, "read");
    const revoked = await call<ErrorBody>(h.app, "GET", "/v1/tasks", { key: t.keys.read });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toMatch(/unknown or revoked/);
  });

  it("answers 403 naming the scope a key lacks; admin holds every scope", async () => {
    const patch = (key: string) =>
      call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${taskA}`, { key, body: { status: "in_progress" } });
    const denied = await patch(a.keys.read);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: "FORBIDDEN" });
    expect(denied.body.error.message).toContain('"runs:write"');
    expect((await patch(a.keys.approve)).status).toBe(403);
    expect((await patch(a.keys.admin)).status).toBe(200);
    expect((await patch(a.keys.write)).status).toBe(200);
  });

  it("answers another tenant's id exactly like an id that does not exist", async () => {
    const other = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${taskA}`, {
      key: b.keys.write,
      body: { status: "done" },
    });
    const unknown = randomUUID();
    const none = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${unknown}`, {
      key: b.keys.write,
      body: { status: "done" },
    });
    expect(other.status).toBe(404);
    expect(none.status).toBe(404);
    expect(other.body).toEqual(JSON.parse(JSON.stringify(none.body).replaceAll(unknown, taskA)));
    const [row] = await h.store.sql<{ status: string }[]>`SELECT status FROM tasks WHERE id = ${taskA}`;
    expect(row!.status).not.toBe("done");
    const runOther = await call<ErrorBody>(h.app, "GET", `/v1/runs/${taskA}`, { key: b.keys.read });
    expect(runOther.status).toBe(404);
    expect(runOther.body.error.code).toBe("RUN_NOT_FOUND");
    // b's list shows none of a's tasks
    const listed = await call<{ data: unknown[] }>(h.app, "GET", "/v1/tasks", { key: b.keys.read });
    expect(listed.body.data).toEqual([]);
  });

  it("names the bad field of a body, a query parameter and a path parameter", async () => {
    const body = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: a.keys.write,
      body: { agent: "sales", target: { kind: "lead" } },
    });
    expect(body.status).toBe(400);
    expect(body.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "target.id" });
    const agent = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: a.keys.write,
      body: { agent: "nobody", target: { kind: "all" } },
    });
    expect(agent.body.error.field).toBe("agent");
    const query = await call<ErrorBody>(h.app, "GET", "/v1/tasks?due_before=tomorrow", { key: a.keys.read });
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ field: "due_before" });
    expect(query.body.error.message).toMatch(/^query parameter "due_before"/);
    const param = await call<ErrorBody>(h.app, "GET", "/v1/runs/not-a-uuid", { key: a.keys.read });
    expect(param.status).toBe(400);
    expect(param.body.error.field).toBe("id");
    const status = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${taskA}`, {
      key: a.keys.write,
      body: { status: "finished" },
    });
    expect(status.body.error.field).toBe("status");
    const malformed = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: a.keys.write,
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: "BAD_REQUEST", field: "body" });
    const extra = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${taskA}`, {
      key: a.keys.write,
      body: { status: "open", colour: "red" },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain("colour");
  });

  it("refuses a body over the limit with 413, and unknown routes with a JSON 404", async () => {
    const big = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: a.keys.write,
      body: { agent: "sales", target: { kind: "all" }, idempotency_key: "x".repeat(4000) },
    });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", field: "body" });
    const route = await call<ErrorBody>(h.app, "GET", "/v1/nothing-here", { key: a.keys.read });
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("echoes a request id, or makes one", async () => {
    const given = await call(h.app, "GET", "/healthz", { headers: { "x-request-id": "req-123" } });
    expect(given.headers.get("x-request-id")).toBe("req-123");
    const made = await call(h.app, "GET", "/healthz");
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 429 with Retry-After once a key's bucket is empty; other keys are unaffected", async () => {
    // the buckets' clock stands still unless the test moves it: no refill from slow requests
    let now = 1_000_000;
    const limited = h.appWith({ rateLimit: { burst: 3, perSecond: 0.5, now: () => now } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(limited, "GET", "/v1/drafts", { key: a.keys.read })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call<ErrorBody>(limited, "GET", "/v1/drafts", { key: a.keys.read });
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await call(limited, "GET", "/v1/drafts", { key: a.keys.write })).status).toBe(200);
    now += 2_000; // one token back after 2 s at 0.5 per second
    expect((await call(limited, "GET", "/v1/drafts", { key: a.keys.read })).status).toBe(200);
    expect((await call(limited, "GET", "/v1/drafts", { key: a.keys.read })).status).toBe(429);
  });
});
