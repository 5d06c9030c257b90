/**
 * Drill: cross-tenant isolation over the HTTP API. Two tenants with something behind every
 * resource (runs — interrupted and queued —, tasks, drafts, scores, plans, schedules, event rules,
 * API keys). Tenant A's admin key (every scope) calls every route of the app's OpenAPI document with
 * each of tenant B's ids in each id slot (path parameters, uuid query parameters, uuid body fields),
 * and the same call with an id that does not exist. Passes with 0 reads (every answer equals the
 * missing-id answer, a path id is 404, and no answer holds B's ids) and 0 writes (a checksum of B's
 * rows in every tenant table and of its runs' checkpoints is unchanged after every route). Prints
 * the matrix route × slot. Store: an in-memory PGlite.
 *
 *   npx tsx drills/cross-tenant.ts
 */
import { openHttpApp } from "../tests/support/http-app.ts";
import { crossTenantMatrix } from "./lib/api-cross-tenant.ts";
import { finish, printTable } from "./lib/api-report.ts";

const started = Date.now();
const h = await openHttpApp("pglite", { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } });
try {
  const report = await crossTenantMatrix(h);
  printTable(
    `cross-tenant matrix: tenant A's admin key × tenant B's ${Object.values(report.tenants.b.ids).flat().length} ids`,
    report.rows,
  );
  await h.close();
  finish("cross-tenant", report.problems.slice(0, 50), {
    duration_s: (Date.now() - started) / 1000,
    calls: report.calls,
    routes: new Set(report.rows.map((r) => r.route)).size,
    slots: report.rows.length,
    reads: report.rows.reduce((n, r) => n + r.unlike_missing + r.leaks, 0),
    writes: report.rows.filter((r) => r.writes !== "none").length,
    problems: report.problems.length,
    b_ids_by_kind: Object.fromEntries(Object.entries(report.tenants.b.ids).map(([k, v]) => [k, v.length])),
  });
} catch (err) {
  await h.close();
  throw err;
}
