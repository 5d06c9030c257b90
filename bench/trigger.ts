/**
 * The trigger endpoint: `POST /v1/runs` (auth, zod validation, the run row, one queue job) at 64
 * connections, against a bare Hono JSON route in the same process and run (ratio). Prints a table,
 * then one JSON line. The runs it queues are not executed (no worker): this measures the trigger.
 *
 *   npx tsx bench/trigger.ts [--store pglite|postgres] [--database-url URL] [--redis-url URL]
 *                            [--connections 64] [--seconds 10] [--targets 2000]
 *
 * pglite: an in-memory store; postgres: --database-url, else a throwaway cluster. The queue is
 * BullMQ on --redis-url, else the in-process runner. Requests cycle through `--targets` seeded
 * accounts (a cs run each), as triggers from many users would.
 */
import { openBenchStore } from "./lib/store.ts";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ensureTenant, migrate } from "../db/index.ts";
import { createApiKey } from "../db/queries/api-keys.ts";
import { seedBook } from "../db/seed/index.ts";
import { parseConfig } from "../server/config.ts";
import { buildDeps } from "../server/deps.ts";
import { createApp } from "../server/http/app.ts";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { MemoryJobQueue } from "../server/queue/memory.ts";
import type { JobQueue } from "../server/queue/types.ts";

const { values } = parseArgs({
  options: {
    store: { type: "string", default: "pglite" },
    "database-url": { type: "string" },
    "redis-url": { type: "string" },
    connections: { type: "string", default: "64" },
    seconds: { type: "string", default: "10" },
    targets: { type: "string", default: "2000" },
  },
});
if (values.store !== "pglite" && values.store !== "postgres") {
  throw new Error(`--store must be pglite or postgres, got ${values.store}`);
}
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const targets = Number(values.targets);
if (!Number.isInteger(targets) || targets < 1) throw new Error("--targets must be a positive integer");

const { store, cleanup } = await openBenchStore({
  kind: values.store!,
  name: "trigger",
  databaseUrl: values["database-url"],
  poolMax: 10,
  inMemory: true,
});

const logger = createLogger("silent");
const config = parseConfig({});
let queue: JobQueue | undefined;
const servers: ReturnType<typeof serve>[] = [];
try {
  await migrate(store.sql);
  const tenant = await ensureTenant(store.sql, { slug: "bench-trigger", name: "Trigger benchmark" });
  await seedBook(store.sql, { tenantId: tenant.id, accounts: targets, seed: 7 });
  const accounts = await store.sql<{ id: string }[]>`
    SELECT id FROM accounts WHERE tenant_id = ${tenant.id} ORDER BY id`;
  const { key } = await createApiKey(store.sql, {
    tenantId: tenant.id,
    name: "bench",
    scopes: ["runs:write"],
  });
  const deps = await buildDeps(config, store, logger);
  queue = values["redis-url"]
    ? new BullJobQueue({ url: values["redis-url"], prefix: `bench-${process.pid}`, logger })
    : new MemoryJobQueue(logger);
  // no per-key limit in the way of the measurement
  const app = createApp(
    { deps, queue, config, logger },
    { rateLimit: { burst: 1_000_000_000, perSecond: 1_000_000_000 } },
  );
  const bare = new Hono().post("/v1/runs", async (c) => c.json({ accepted: await c.req.json() }, 202));

  const listen = (fetch: (req: Request) => Response | Promise<Response>) =>
    new Promise<string>((resolve) => {
      const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
      servers.push(s);
    });
  // each request triggers the next account in turn: triggers of one target serialise on its
  // lock (and queue behind its active run), which is the product's rule, not the endpoint's speed
  let next = 0;
  const bodyFor = () =>
    JSON.stringify({
      agent: "cs",
      target: { kind: "account", id: accounts[next++ % accounts.length]!.id },
      mode: "background",
      policy: "enqueue",
    });
  const measure = (url: string) =>
    autocannon({
      url: `${url}/v1/runs`,
      method: "POST",
      connections,
      duration: seconds,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodyFor() }) }],
    });

  const bareResult = await measure(await listen(bare.fetch));
  const apiResult = await measure(await listen(app.fetch));
  const rows = [
    ["bare Hono JSON route", bareResult],
    ["POST /v1/runs (auth, validate, run row, enqueue)", apiResult],
  ] as const;
  console.log(`${store.describe()}, queue ${queue.kind}, ${connections} connections, ${seconds} s each`);
  console.log(
    `${"route".padEnd(50)} ${"req/s".padStart(9)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)}`,
  );
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(50)} ${Math.round(r.requests.average).toString().padStart(9)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.non2xx + r.errors).padStart(8)}`,
    );
  }
  const [queued] = await store.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs WHERE tenant_id = ${tenant.id} AND status = 'queued'`;
  console.log(`runs queued by the benchmark: ${queued!.n}`);
  console.log(
    JSON.stringify({
      bench: "trigger",
      store: values.store,
      queue: queue.kind,
      connections,
      seconds,
      targets,
      bareRps: Math.round(bareResult.requests.average),
      apiRps: Math.round(apiResult.requests.average),
      ratio: Number((bareResult.requests.average / Math.max(1, apiResult.requests.average)).toFixed(2)),
      apiP50Ms: apiResult.latency.p50,
      apiP99Ms: apiResult.latency.p99,
      apiNon2xx: apiResult.non2xx + apiResult.errors,
      queuedRuns: queued!.n,
      loadavg1: Number(loadavg()[0]!.toFixed(1)),
    }),
  );
} finally {
  for (const s of servers) s.close();
  await queue?.close();
  await store.close();
  await cleanup();
}
