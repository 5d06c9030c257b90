/**
 * Drill: cross-tenant isolation over the HTTP API. Two tenants with something behind every
 * resource (runs — interrupted and queued —, tasks, drafts, scores, plans, schedules, event rules,
 * API keys). Tenant A's admin key (every scope) calls every route of the app's OpenAPI document with
 * each of tenant B's ids in each id slot (path parameters, uuid query parameters, uuid body fields),
 * and the same call with an id that does not exist. Passes with 0 reads (every answer equals the
 * missing-id answer, a path id is 404, and no answer holds B's ids) and 0 writes (a checksum of B's
 * rows in every tenant table and of its runs' checkpoints is unchanged after every route). Then, on
 * BullMQ over a throwaway redis-server, the Bull Board leg: A's admin key against every board route
 * with B's job (0 let in, 0 reads, B's job unchanged). Prints the matrix route × slot. Store: an
 * in-memory PGlite.
 *
 *   npx tsx drills/cross-tenant.ts
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { keyedTenant, openHttpApp } from "../tests/support/http-app.ts";
import { startRedis } from "../tests/support/redis-server.ts";
import { bullBoardMatrix } from "./lib/api-bull-board.ts";
import { crossTenantMatrix } from "./lib/api-cross-tenant.ts";
import { finish, printTable } from "./lib/api-report.ts";

const started = Date.now();
const h = await openHttpApp("pglite", { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } });
let report: Awaited<ReturnType<typeof crossTenantMatrix>>;
try {
  report = await crossTenantMatrix(h);
  printTable(
    `cross-tenant matrix: tenant A's admin key × tenant B's ${Object.values(report.tenants.b.ids).flat().length} ids`,
    report.rows,
  );
} finally {
  await h.close();
}

const redis = await startRedis();
const logger = createLogger("silent");
const prefix = `drill-board-${randomBytes(4).toString("hex")}`;
const hb = await openHttpApp("pglite", { queue: () => new BullJobQueue({ url: redis.url, prefix, logger }) });
let board: Awaited<ReturnType<typeof bullBoardMatrix>>;
try {
  const [ta, tb] = [await keyedTenant(hb.store, "board-a"), await keyedTenant(hb.store, "board-b")];
  const a = { tenantId: ta.tenantId, runId: randomUUID(), adminKey: ta.keys.admin };
  const b = { tenantId: tb.tenantId, runId: randomUUID(), adminKey: tb.keys.admin };
  for (const t of [a, b]) await hb.queue.addRun({ tenantId: t.tenantId, runId: t.runId });
  const app = hb.appWith({ operatorToken: randomBytes(24).toString("hex") });
  board = await bullBoardMatrix(app, hb.queue as BullJobQueue, a, b);
  printTable("Bull Board on BullMQ: tenant A's admin key × tenant B's job", board.rows);
} finally {
  await hb.close();
  await redis.stop();
}

const rows = [...report.rows, ...board.rows];
finish("cross-tenant", [...report.problems, ...board.problems].slice(0, 50), {
  duration_s: (Date.now() - started) / 1000,
  calls: report.calls + board.rows.reduce((n, r) => n + Number(r.calls), 0),
  routes: new Set(rows.map((r) => r.route)).size,
  slots: rows.length,
  reads: rows.reduce((n, r) => n + Number(r.unlike_missing) + Number(r.leaks), 0),
  writes: rows.filter((r) => r.writes !== "none").length,
  problems: report.problems.length + board.problems.length,
  b_ids_by_kind: Object.fromEntries(Object.entries(report.tenants.b.ids).map(([k, v]) => [k, v.length])),
});
