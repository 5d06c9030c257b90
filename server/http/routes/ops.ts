import { createRoute, z } from "@hono/zod-openapi";
import type { Registry } from "prom-client";
import type { AppContext } from "../context.ts";
import { router } from "../router.ts";
import { json } from "../schemas.ts";

const Check = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
const Ready = z
  .object({ ready: z.boolean(), checks: z.object({ store: Check, queue: Check }) })
  .openapi("Readiness");

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Liveness: the process answers",
  security: [],
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Alive") },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["operations"],
  summary: "Readiness: the store and the queue answer",
  security: [],
  responses: { 200: json(Ready, "Ready"), 503: json(Ready, "Not ready: a check failed") },
});

const metrics = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["operations"],
  summary: "Prometheus metrics: runs by agent and status, run durations, queue jobs, LLM tokens",
  description: "Aggregates over every tenant, without tenant or entity ids (like /healthz, no key needed).",
  security: [],
  responses: {
    200: { description: "Prometheus text format", content: { "text/plain": { schema: z.string() } } },
  },
});

async function check(fn: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  const started = performance.now();
  try {
    await fn();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/** Liveness, readiness and metrics: no API key (they are what orchestrators and Prometheus call). */
export function opsRoutes({ deps, queue }: AppContext, registry: Registry) {
  return router()
    .openapi(healthz, (c) => c.json({ ok: true as const }, 200))
    .openapi(readyz, async (c) => {
      const [store, q] = await Promise.all([check(() => deps.sql`SELECT 1`), check(() => queue.ping())]);
      const body = { ready: store.ok && q.ok, checks: { store, queue: q } };
      return body.ready ? c.json(body, 200) : c.json(body, 503);
    })
    .openapi(metrics, async (c) => {
      const text = await registry.metrics();
      return c.text(text, 200, { "Content-Type": registry.contentType });
    });
}
