import { createRoute, z } from "@hono/zod-openapi";
import { getRun } from "../../db/queries/runs.ts";
import { threadRunIds, getRunLink } from "../../db/queries/protocol-threads.ts";
import { cancelRun } from "../../graphs/runtime/index.ts";
import { requireScope } from "../http/auth.ts";
import type { Context } from "hono";
import type { AppContext, AppEnv } from "../http/context.ts";
import { validationError } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { conflictResponse, errorResponses } from "../http/schemas.ts";
import { finalValues, ownedRun } from "./run-body.ts";
import { followRun } from "./run-follow.ts";
import { parseEventId, STREAM_MODES, streamRun } from "./run-stream.ts";
import { runView } from "./run-view.ts";
import { Answer, Paging, RunParam, ThreadParam } from "./schemas.ts";
import { ownedThread } from "./threads.ts";

const tags = ["protocol: runs"];
const read = [requireScope("read")];
const STATUSES: Record<string, string[]> = {
  pending: ["queued"],
  running: ["running"],
  success: ["succeeded"],
  error: ["failed", "budget_exceeded"],
  interrupted: ["interrupted", "cancelled"],
  timeout: ["budget_exceeded"],
};
const Modes = z
  .union([z.enum(STREAM_MODES), z.array(z.enum(STREAM_MODES))])
  .optional()
  .transform((m) => (m === undefined ? undefined : Array.isArray(m) ? m : [m]));
const JoinQuery = z.object({
  stream_mode: Modes,
  cancel_on_disconnect: z.enum(["0", "1", "true", "false"]).optional(),
});
const EventId = z.object({ "last-event-id": z.string().max(40).optional() });

const get = (path: string, summary: string, extra: Record<string, unknown> = {}) =>
  createRoute({
    method: "get",
    path,
    tags,
    summary,
    middleware: read,
    request: { params: path.includes("{run_id}") ? RunParam : ThreadParam, ...extra },
    responses: { 200: Answer(summary), ...errorResponses },
  });

export function runOpRoutes(ctx: AppContext) {
  const { deps } = ctx;
  const list = get("/threads/{thread_id}/runs", "The thread's runs, newest first", {
    query: z.object({ ...Paging, status: z.enum(Object.keys(STATUSES) as [string, ...string[]]).optional() }),
  });
  const cancel = createRoute({
    method: "post",
    path: "/threads/{thread_id}/runs/{run_id}/cancel",
    tags,
    summary: "Cancel a run (a running one stops at its next node, keeping what it wrote)",
    middleware: [requireScope("runs:write")],
    request: {
      params: RunParam,
      query: z.object({
        wait: z.enum(["0", "1", "true", "false"]).optional(),
        action: z.enum(["interrupt", "rollback"]).optional(),
      }),
    },
    responses: {
      200: Answer("cancelled"),
      202: Answer("cancel requested"),
      ...errorResponses,
      ...conflictResponse,
    },
  });
  const statelessStream = createRoute({
    method: "get",
    path: "/runs/{run_id}/stream",
    tags,
    summary: "Join a stateless run's stream (Last-Event-ID resumes)",
    middleware: read,
    request: { params: z.object({ run_id: z.uuid() }), query: JoinQuery, headers: EventId },
    responses: { 200: Answer("text/event-stream"), ...errorResponses },
  });
  return router()
    .openapi(list, async (c) => {
      const { tenantId } = c.get("principal");
      const { thread_id } = c.req.valid("param");
      const q = c.req.valid("query" as never) as { limit: number; offset: number; status?: string };
      await ownedThread(ctx, tenantId, thread_id);
      const ids = await threadRunIds(deps.sql, {
        tenantId,
        threadId: thread_id,
        limit: q.limit,
        offset: q.offset,
        ...(q.status ? { statuses: STATUSES[q.status] } : {}),
      });
      const out = [];
      for (const id of ids) {
        const run = await getRun(deps.sql, tenantId, id);
        if (run) out.push(runView(run, await getRunLink(deps.sql, tenantId, id)));
      }
      return c.json(out, 200);
    })
    .openapi(get("/threads/{thread_id}/runs/{run_id}", "A run"), async (c) => {
      const p = c.req.valid("param") as { thread_id: string; run_id: string };
      const { run, link } = await ownedRun(deps, c.get("principal").tenantId, p.run_id, p.thread_id);
      return c.json(runView(run, link), 200);
    })
    .openapi(
      get("/threads/{thread_id}/runs/{run_id}/join", "Wait for a run; its final values"),
      async (c) => {
        const p = c.req.valid("param") as { thread_id: string; run_id: string };
        const { tenantId } = c.get("principal");
        await ownedRun(deps, tenantId, p.run_id, p.thread_id);
        const run = await followRun(deps, tenantId, p.run_id, {
          timeoutMs: deps.budget.maxWallMs + 60_000,
          signal: c.req.raw.signal,
        });
        return c.json(await finalValues(deps, run), 200);
      },
    )
    .openapi(
      get("/threads/{thread_id}/runs/{run_id}/stream", "Join a run's stream (Last-Event-ID resumes)", {
        query: JoinQuery,
        headers: EventId,
      }),
      (async (c: Context<AppEnv>) => join(c, c.req.param("run_id")!, c.req.param("thread_id")!)) as never,
    )
    .openapi(statelessStream, ((c: Context<AppEnv>) => join(c, c.req.param("run_id")!, null)) as never)
    .openapi(cancel, (async (c: Context<AppEnv>) => {
      const p = { run_id: c.req.param("run_id")!, thread_id: c.req.param("thread_id")! };
      const { tenantId, prefix } = c.get("principal");
      await ownedRun(deps, tenantId, p.run_id, p.thread_id);
      const run = await cancelRun(deps.sql, tenantId, p.run_id, `api_key:${prefix}`);
      const wait = c.req.query("wait");
      if (wait === "1" || wait === "true") {
        await followRun(deps, tenantId, run.id, { timeoutMs: 30_000, signal: c.req.raw.signal });
        return c.body(null, 204);
      }
      return c.body(null, 202);
    }) as never);

  async function join(c: Context<AppEnv>, runId: string, threadId: string | null) {
    const { tenantId } = c.get("principal");
    const { link } = await ownedRun(deps, tenantId, runId, threadId);
    const asked = Modes.safeParse(c.req.queries("stream_mode"));
    if (!asked.success) throw validationError("query", asked.error);
    const after = parseEventId(c.req.header("last-event-id"));
    const modes = asked.data?.length ? asked.data : link.stream_mode;
    return streamRun(c, { deps, tenantId, runId, modes, ...(after ? { after } : {}) });
  }
}
