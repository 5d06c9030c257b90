import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../server/config.ts";
import { createApp, type App } from "../server/http/app.ts";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { startRedis } from "./support/redis-server.ts";

const OPERATOR = randomBytes(24).toString("hex"); // 48 characters
const logger = createLogger("silent");
const bull = (url: string, prefix: string) => new BullJobQueue({ url, prefix, logger });

describe("Bull Board on BullMQ with two tenants: the operator only", () => {
  let h: HttpHarness;
  let a: KeyedTenant;
  let b: KeyedTenant;
  let board: App;
  const runs = { a: randomUUID(), b: randomUUID() };

  beforeAll(async () => {
    const prefix = `sec-board-${randomBytes(4).toString("hex")}`;
    h = await openHttpApp("postgres", { queue: () => bull(inject("redisUrl"), prefix) });
    a = await keyedTenant(h.store, "board-a");
    b = await keyedTenant(h.store, "board-b");
    // one waiting job per tenant (no worker): their data names the tenant and the run
    await h.queue.addRun({ tenantId: a.tenantId, runId: runs.a });
    await h.queue.addRun({ tenantId: b.tenantId, runId: runs.b });
    board = h.appWith({ operatorToken: OPERATOR });
  });
  afterAll(() => h?.close());

  const get = (app: App, path: string, authorization?: string) =>
    app.request(`/admin/queues${path}`, { headers: authorization ? { authorization } : {} });
  const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString("base64")}`;
  const paths = ["", "/api/queues", `/api/queues/jobs/jobs/run-${runs.b}`, "/api/redis/stats"];

  it("no tenant key opens it, not even an admin key: 403 naming the operator token, no job data", async () => {
    for (const key of [a.keys.admin, a.keys.all, b.keys.admin]) {
      for (const path of paths) {
        for (const authorization of [`Bearer ${key}`, basic(key)]) {
          const res = await get(board, path, authorization);
          const text = await res.text();
          expect(res.status, `${path} with ${authorization.split(" ")[0]}`).toBe(403);
          expect(JSON.parse(text).error).toMatchObject({ code: "OPERATOR_ONLY", field: "authorization" });
          expect(text).toContain("CRM_OPERATOR_TOKEN");
          for (const secret of [a.tenantId, b.tenantId, runs.a, runs.b]) expect(text).not.toContain(secret);
        }
      }
    }
    const none = await get(board, "/api/queues");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect((await get(board, "/api/queues", `Bearer ${OPERATOR}x`)).status).toBe(401);
  });

  it("the operator token (bearer, or Basic password for a browser) sees both tenants' jobs", async () => {
    const page = await get(board, "", basic(OPERATOR));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await get(board, "/api/queues?activeQueue=jobs&status=waiting", `Bearer ${OPERATOR}`);
    expect(api.status).toBe(200);
    const text = await api.text();
    for (const id of [a.tenantId, b.tenantId, runs.a, runs.b]) expect(text).toContain(id);
  });

  it("without CRM_OPERATOR_TOKEN Bull Board is off for everyone, and says how to turn it on", async () => {
    for (const authorization of [`Bearer ${a.keys.admin}`, `Bearer ${OPERATOR}`, undefined]) {
      const res = await get(h.app, "/api/queues", authorization);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("BULL_BOARD_OFF");
      expect(body.error.message).toContain("CRM_OPERATOR_TOKEN");
    }
    expect(() => parseConfig({ CRM_OPERATOR_TOKEN: "short" })).toThrow(
      /CRM_OPERATOR_TOKEN: must be at least 32/,
    );
    expect(parseConfig({ CRM_OPERATOR_TOKEN: OPERATOR }).CRM_OPERATOR_TOKEN).toBe(OPERATOR);
  });
});

describe("rate limit with REDIS_URL: one budget per key across API processes", () => {
  let h: HttpHarness;
  let t: KeyedTenant;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    h = await openHttpApp("postgres");
    t = await keyedTenant(h.store, "rate-shared");
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await h?.close();
  });

  /** An API process as `crm serve --role api` builds it: its own BullMQ queue (and Redis connection). */
  // waits for its Redis connection: until then a process counts in memory (the insurance budget)
  const apiProcess = async (env: Record<string, string>, queueUrl?: string) => {
    const queue = queueUrl ? bull(queueUrl, `sec-rate-${randomBytes(4).toString("hex")}`) : h.queue;
    if (queueUrl) closers.push(() => queue.close());
    await queue.bullQueues()[0]?.waitUntilReady();
    const ctx = { deps: h.deps, queue, config: parseConfig(env), logger };
    return createApp(ctx, { rateLimit: { burst: 6, perSecond: 1 } });
  };
  const tasks = (app: App, key: string) => call(app, "GET", "/v1/tasks", { key });

  it("two app instances on one Redis share the budget: the sixth request is the last, on either", async () => {
    const url = inject("redisUrl");
    const [one, two] = [await apiProcess({ REDIS_URL: url }, url), await apiProcess({ REDIS_URL: url }, url)];
    const seen: [number, string | null][] = [];
    for (const app of [one, two, one, two, one, two]) {
      const res = await tasks(app, t.keys.read);
      seen.push([res.status, res.headers.get("ratelimit-remaining")]);
    }
    expect(seen).toEqual([5, 4, 3, 2, 1, 0].map((n) => [200, String(n)]));
    for (const app of [one, two]) {
      const over = await tasks(app, t.keys.read);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(over.body)).toContain("shared by every API process");
    }
    // another key has its own budget
    expect((await tasks(two, t.keys.write)).status).toBe(200);
  });

  it("without REDIS_URL each process keeps its own budget, as before", async () => {
    const [one, two] = [await apiProcess({}), await apiProcess({})];
    for (let i = 0; i < 6; i++) expect((await tasks(one, t.keys.approve)).status).toBe(200);
    expect((await tasks(one, t.keys.approve)).status).toBe(429);
    expect((await tasks(two, t.keys.approve)).status).toBe(200);
  });

  it("a Redis that goes away degrades to a per-process budget: answers, never hangs or 500s", async () => {
    const redis = await startRedis();
    const app = await apiProcess({ REDIS_URL: redis.url }, redis.url);
    expect((await tasks(app, t.keys.admin)).headers.get("ratelimit-remaining")).toBe("5");
    await redis.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await tasks(app, t.keys.admin)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
