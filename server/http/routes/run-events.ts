import { setTimeout as sleep } from "node:timers/promises";
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { withTenant } from "../../../db/index.ts";
import { listRunEvents } from "../../../db/queries/run-events.ts";
import { getRun } from "../../../db/queries/runs.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { router } from "../router.ts";
import { errorResponses, IdParam } from "../schemas.ts";

/** Statuses after which a run writes no more events, ever. */
const FINISHED = new Set(["succeeded", "failed", "cancelled", "budget_exceeded"]);
/** Statuses after which a run writes no more events until someone resumes it. */
const AT_REST = new Set(["interrupted", ...FINISHED]);

export interface EventStreamOptions {
  /** How often the store is polled for new events while the run is active (default 250 ms). */
  pollMs?: number;
  /** A comment line is sent this often so proxies keep the connection open (default 15 s). */
  heartbeatMs?: number;
}

const Seq = z.coerce
  .number({ error: "must be a whole number ≥ 0 (the id of the last event received)" })
  .int()
  .min(0)
  .max(2_147_483_647);

const stream = createRoute({
  method: "get",
  path: "/{id}/events",
  tags: ["runs"],
  summary: "A run's events as Server-Sent Events (id = seq); rejoin with Last-Event-ID",
  description:
    "Sends every event after `Last-Event-ID` (header) or `after` (query), in order, then follows the run " +
    "until it is finished or waits for a person. Each event's `id` is its sequence number, so a client " +
    "that reconnects with the last id it saw misses nothing and sees nothing twice. A finished run " +
    "(succeeded, failed, cancelled, budget_exceeded) with nothing after the client's id answers 204, which " +
    "tells an EventSource to stop reconnecting; a run waiting for a person keeps answering 200, so a " +
    "client that reconnects follows it once it resumes.",
  middleware: [requireScope("read")] as const,
  request: {
    params: IdParam,
    query: z.object({ after: Seq.optional() }),
    headers: z.object({ "last-event-id": Seq.optional() }),
  },
  responses: {
    204: { description: "The run is finished and the client has every event (EventSource stops)" },
    200: {
      description: "text/event-stream; event = type, data = {seq, type, data, created_at}",
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...errorResponses,
  },
});

export function runEventRoutes(
  { deps }: AppContext,
  { pollMs = 250, heartbeatMs = 15_000 }: EventStreamOptions,
) {
  return router().openapi(stream, async (c) => {
    const { id } = c.req.valid("param");
    const header = c.req.valid("header")["last-event-id"];
    const query = c.req.valid("query").after;
    if (header !== undefined && query !== undefined && header !== query) {
      throw new ApiError(400, "VALIDATION_FAILED", "Last-Event-ID and ?after disagree; send one", "after");
    }
    const { tenantId } = c.get("principal");
    const tenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(deps.sql, tenantId, fn);
    let after = header ?? query ?? 0;
    const { run: found, next } = await tenant(async (tx) => ({
      run: await getRun(tx, tenantId, id),
      next: await listRunEvents(tx, id, after, 1),
    }));
    if (!found) throw notFound("run", id);
    // the status was read before the events: a finished run has written its last one
    if (FINISHED.has(found.status) && next.length === 0) return c.body(null, 204);
    const log = c.get("log").child({ runId: id });
    return streamSSE(
      c,
      async (sse) => {
        let quietSince = Date.now();
        while (!sse.aborted) {
          // the status is read before the events: every event of a run at rest is then in the list
          const { run, events } = await tenant(async (tx) => ({
            run: await getRun(tx, tenantId, id),
            events: await listRunEvents(tx, id, after, 500),
          }));
          for (const e of events) {
            await sse.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify(e) });
            after = e.seq;
          }
          if (events.length === 500) continue;
          if (!run || AT_REST.has(run.status)) break;
          if (events.length > 0) quietSince = Date.now();
          else if (Date.now() - quietSince >= heartbeatMs) {
            await sse.write(": keep-alive\n\n");
            quietSince = Date.now();
          }
          await sleep(pollMs);
        }
      },
      async (err) => log.error({ err }, "event stream failed"),
    );
  });
}
