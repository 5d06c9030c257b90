import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireScope } from "../http/auth.ts";
import type { AppContext, AppEnv } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { conflictResponse, errorResponses } from "../http/schemas.ts";
import { finalValues, modesOf, RunBody, ownedRun } from "./run-body.ts";
import { followRun, lastSeq } from "./run-follow.ts";
import { startRun } from "./run-start.ts";
import { streamRun } from "./run-stream.ts";
import { runView } from "./run-view.ts";
import { Answer, bodyOf, looseBody, ThreadParam } from "./schemas.ts";
import { ownedThread } from "./threads.ts";

const tags = ["protocol: runs"];
const write = [requireScope("runs:write")];
type Kind = "create" | "wait" | "stream";
const SUMMARY: Record<Kind, string> = {
  create: "Start a run in the background (a queued agent run)",
  wait: "Start a run and answer with its final values (or __interrupt__)",
  stream: "Start a run and stream it as Server-Sent Events",
};

function route(kind: Kind, onThread: boolean) {
  const base = onThread ? "/threads/{thread_id}/runs" : "/runs";
  return createRoute({
    method: "post",
    path: kind === "create" ? base : `${base}/${kind}`,
    tags,
    summary: (onThread ? "" : "Stateless: ") + SUMMARY[kind],
    middleware: write,
    request: { ...(onThread ? { params: ThreadParam } : {}), body: looseBody(RunBody) },
    responses: { 200: Answer(SUMMARY[kind]), ...errorResponses, ...conflictResponse },
  });
}

/** Waits at most the run's wall-clock budget, plus a minute for the queue. */
const waitMs = (ctx: AppContext) => ctx.deps.budget.maxWallMs + 60_000;

export function runRoutes(ctx: AppContext) {
  const { deps } = ctx;
  const handle = (kind: Kind) => async (c: Context<AppEnv>) => {
    const body = bodyOf(await c.req.json().catch(() => ({})), RunBody);
    const { tenantId, prefix, scopes } = c.get("principal");
    if (body.command?.resume !== undefined && !scopes.includes("approve") && !scopes.includes("admin"))
      throw new ApiError(
        403,
        "FORBIDDEN",
        'resuming with decisions needs the "approve" scope',
        "authorization",
      );
    const threadId = c.req.param("thread_id");
    const thread = threadId ? await ownedThread(ctx, tenantId, threadId) : null;
    const run = await startRun(ctx, {
      tenantId,
      actor: `api_key:${prefix}`,
      thread,
      assistantId: body.assistant_id,
      input: body.input,
      command: body.command,
      multitask: body.multitask_strategy,
      streamMode: modesOf(body.stream_mode),
      metadata: body.metadata,
    });
    const since = body.command?.resume !== undefined ? lastSeq(run) : undefined;
    const path = thread ? `/threads/${thread.id}/runs/${run.id}` : `/runs/${run.id}`;
    c.header("Content-Location", path);
    c.get("log").info({ runId: run.id, threadId: thread?.id }, "protocol run started");
    if (kind === "stream") {
      c.header("Location", `${path}/stream`);
      return streamRun(c, { deps, tenantId, runId: run.id, modes: modesOf(body.stream_mode), since });
    }
    const { link } = await ownedRun(deps, tenantId, run.id);
    if (kind === "create") return c.json(runView(run, link), 200);
    const done = await followRun(deps, tenantId, run.id, {
      since,
      timeoutMs: waitMs(ctx),
      signal: c.req.raw.signal,
    });
    return c.json(await finalValues(deps, done), 200);
  };
  const app = router();
  for (const kind of ["create", "wait", "stream"] as const) {
    app.openapi(route(kind, true), handle(kind) as never);
    app.openapi(route(kind, false), handle(kind) as never);
  }
  return app;
}
