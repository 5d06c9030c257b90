import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../db/index.ts";
import {
  createThread,
  deleteThread,
  getThread,
  searchThreads,
  type ProtocolThread,
} from "../../db/queries/protocol-threads.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import { requireScope } from "../http/auth.ts";
import type { AppContext } from "../http/context.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { conflictResponse, errorResponses } from "../http/schemas.ts";
import { TargetInput } from "./assistants-registry.ts";
import { Answer, bodyOf, looseBody, Paging, ThreadParam } from "./schemas.ts";
import { threadHistory, threadState, threadStatus, threadView, latestRun } from "./thread-state.ts";

const tags = ["protocol: threads"];
const read = [requireScope("read")];
const write = [requireScope("runs:write")];
const Metadata = z.record(z.string(), z.unknown());

const Create = z.object({
  thread_id: z.uuid({ error: "must be a uuid" }).optional(),
  metadata: Metadata.default({}),
  if_exists: z.enum(["raise", "do_nothing"]).default("raise"),
});
const Search = z.object({
  metadata: Metadata.default({}),
  status: z.enum(["idle", "busy", "interrupted", "error"]).optional(),
  ...Paging,
});
const History = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(10) });

const route = <M extends "get" | "post" | "delete", P extends string>(
  method: M,
  path: P,
  summary: string,
  middleware: typeof read | typeof write,
  body?: z.ZodType,
) =>
  createRoute({
    method,
    path,
    tags,
    summary,
    middleware,
    request: { params: ThreadParam, ...(body ? { body: looseBody(body) } : {}) },
    responses: { 200: Answer(summary), ...errorResponses, ...conflictResponse },
  });

/** The thread of the request's tenant; another tenant's id answers like a missing one. */
export async function ownedThread(ctx: AppContext, tenantId: string, id: string): Promise<ProtocolThread> {
  const thread = await withTenant(ctx.deps.sql, tenantId, (tx) => getThread(tx, tenantId, id));
  if (!thread) throw notFound("thread", id, "thread_id");
  return thread;
}

export function threadRoutes(ctx: AppContext) {
  const { deps } = ctx;
  const create = createRoute({
    method: "post",
    path: "/threads",
    tags,
    summary: "Create a thread: a target's conversation (metadata.target) or a free thread",
    middleware: write,
    request: { body: looseBody(Create) },
    responses: { 200: Answer("The thread"), ...errorResponses, ...conflictResponse },
  });
  const search = createRoute({
    method: "post",
    path: "/threads/search",
    tags,
    summary: "Threads whose metadata contains the filter, newest first",
    middleware: read,
    request: { body: looseBody(Search) },
    responses: { 200: Answer("Threads"), ...errorResponses },
  });
  return router()
    .openapi(create, async (c) => {
      const body = bodyOf(c.req.valid("json"), Create);
      const { tenantId } = c.get("principal");
      const target = body.metadata.target
        ? (bodyOf({ target: body.metadata.target }, TargetInput).target as RunTarget)
        : null;
      const { thread, created } = await withTenant(deps.sql, tenantId, async (tx) => {
        // a uuid another tenant holds cannot be taken, and is not revealed: it answers as taken
        return createThread(tx, { tenantId, id: body.thread_id, target, metadata: body.metadata });
      }).catch((err: { code?: string }) => {
        if (err.code === "23505" || err.code === "42501")
          throw new ApiError(409, "THREAD_EXISTS", "thread_id is taken", "thread_id");
        throw err;
      });
      if (!thread) throw new ApiError(409, "THREAD_EXISTS", "thread_id is taken", "thread_id");
      if (!created && body.if_exists === "raise")
        throw new ApiError(409, "THREAD_EXISTS", `thread ${thread.id} exists`, "thread_id");
      return c.json(await threadView(deps, thread), 200);
    })
    .openapi(search, async (c) => {
      const q = bodyOf(c.req.valid("json"), Search);
      const { tenantId } = c.get("principal");
      const rows = await withTenant(deps.sql, tenantId, (tx) =>
        searchThreads(tx, {
          tenantId,
          metadata: q.metadata,
          limit: q.status ? 1000 : q.limit,
          offset: q.status ? 0 : q.offset,
        }),
      );
      const views = [];
      for (const t of rows) {
        if (q.status && threadStatus(await latestRun(deps, t)) !== q.status) continue;
        views.push(await threadView(deps, t));
      }
      return c.json(q.status ? views.slice(q.offset, q.offset + q.limit) : views, 200);
    })
    .openapi(route("get", "/threads/{thread_id}", "A thread", read), async (c) => {
      const thread = await ownedThread(ctx, c.get("principal").tenantId, c.req.valid("param").thread_id);
      return c.json(await threadView(deps, thread), 200);
    })
    .openapi(
      route("delete", "/threads/{thread_id}", "Delete a thread (its runs and outputs stay)", write),
      async (c) => {
        const { tenantId } = c.get("principal");
        const { thread_id } = c.req.valid("param");
        const gone = await withTenant(deps.sql, tenantId, (tx) => deleteThread(tx, tenantId, thread_id));
        if (!gone) throw notFound("thread", thread_id, "thread_id");
        return c.body(null, 204) as never;
      },
    )
    .openapi(
      route("get", "/threads/{thread_id}/state", "The thread's state: its latest run's checkpoint", read),
      async (c) => {
        const thread = await ownedThread(ctx, c.get("principal").tenantId, c.req.valid("param").thread_id);
        return c.json(await threadState(deps, thread), 200);
      },
    )
    .openapi(
      route("post", "/threads/{thread_id}/history", "The thread's checkpoints, newest first", read, History),
      async (c) => {
        const thread = await ownedThread(ctx, c.get("principal").tenantId, c.req.valid("param").thread_id);
        const { limit } = bodyOf(c.req.valid("json" as never), History);
        return c.json(await threadHistory(deps, thread, limit), 200);
      },
    );
}
