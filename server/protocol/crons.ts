import { randomBytes } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { Cron } from "croner";
import type { Context } from "hono";
import { listSchedules, type Schedule } from "../../db/queries/schedules.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import { createTenantSchedule, deleteTenantSchedule } from "../queue/schedules.ts";
import { requireScope } from "../http/auth.ts";
import type { AppContext, AppEnv } from "../http/context.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { conflictResponse, errorResponses } from "../http/schemas.ts";
import { agentOfAssistant, assistantId, TargetInput } from "./assistants-registry.ts";
import { Answer, bodyOf, looseBody, Paging } from "./schemas.ts";
import { ownedThread } from "./threads.ts";

const tags = ["protocol: crons"];
const CronBody = z.object({
  assistant_id: z.string().min(1),
  schedule: z.string().min(1, "a cron pattern, e.g. 0 3 * * *").max(200),
  timezone: z.string().min(1).max(64).default("UTC"),
  input: z.unknown().optional(),
  enabled: z.boolean().default(true),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const Search = z.object({
  assistant_id: z.string().optional(),
  thread_id: z.uuid().optional(),
  enabled: z.boolean().optional(),
  ...Paging,
});

/** Protocol crons are schedules named `lg.<thread hex or "none">.<random>`: the name keeps the thread. */
const NAME = /^lg\.([0-9a-f]{32}|none)\.[0-9a-f]{8}$/;
const threadOf = (s: Schedule): string | null => {
  const hex = NAME.exec(s.name)?.[1];
  if (!hex || hex === "none") return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

function cronView(s: Schedule) {
  let next: string | null = null;
  try {
    next = new Cron(s.cron, { timezone: s.tz }).nextRun()?.toISOString() ?? null;
  } catch {
    next = null;
  }
  return {
    cron_id: s.id,
    assistant_id: assistantId(s.agent),
    thread_id: threadOf(s),
    schedule: s.cron,
    timezone: s.tz,
    payload: { input: { target: s.target } },
    enabled: s.enabled,
    next_run_date: next,
    end_time: null,
    metadata: { name: s.name, last_fired_at: s.last_fired_at },
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}

const ThreadParam = z.object({ thread_id: z.uuid({ error: "must be a uuid" }) });

const post = (
  path: string,
  summary: string,
  body: z.ZodType,
  scope: "read" | "runs:write",
  params?: typeof ThreadParam,
) =>
  createRoute({
    method: "post",
    path,
    tags,
    summary,
    middleware: [requireScope(scope)],
    request: { body: looseBody(body), ...(params ? { params } : {}) },
    responses: { 200: Answer(summary), ...errorResponses, ...conflictResponse },
  });

/** LangGraph crons onto the tenant's schedules (the same job schedulers, time zones and firing). */
export function cronRoutes(ctx: AppContext) {
  const { deps, queue } = ctx;
  const create = async (c: Context<AppEnv>) => {
    const body = bodyOf(await c.req.json().catch(() => ({})), CronBody);
    const { tenantId } = c.get("principal");
    const threadId = c.req.param("thread_id");
    const thread = threadId ? await ownedThread(ctx, tenantId, threadId) : null;
    const agent = agentOfAssistant(body.assistant_id);
    const given = (body.input as { target?: unknown } | undefined)?.target;
    const target = (given !== undefined ? bodyOf({ target: given }, TargetInput).target : thread?.target) as
      RunTarget | undefined;
    if (!target)
      throw new ApiError(
        400,
        "VALIDATION_FAILED",
        "input.target: name what the cron runs on",
        "input.target",
      );
    const name = `lg.${thread ? thread.id.replaceAll("-", "") : "none"}.${randomBytes(4).toString("hex")}`;
    const schedule = await createTenantSchedule(deps.sql, queue, tenantId, {
      name,
      agent: agent.name,
      cron: body.schedule,
      tz: body.timezone,
      target,
      enabled: body.enabled,
    }).catch((err: { code?: string }) => {
      if (err.code === "INVALID_CRON")
        throw new ApiError(400, "INVALID_CRON", String((err as Error).message), "schedule");
      if (err.code === "INVALID_TIME_ZONE")
        throw new ApiError(400, "INVALID_TIME_ZONE", String((err as Error).message), "timezone");
      throw err;
    });
    return c.json(cronView(schedule), 200);
  };
  const remove = createRoute({
    method: "delete",
    path: "/runs/crons/{cron_id}",
    tags,
    summary: "Delete a cron (its schedule and job scheduler)",
    middleware: [requireScope("runs:write")],
    request: { params: z.object({ cron_id: z.uuid({ error: "must be a uuid" }) }) },
    responses: { 204: { description: "deleted" }, ...errorResponses },
  });
  return router()
    .openapi(
      post("/runs/crons", "Create a cron: a schedule of the assistant's agent", CronBody, "runs:write"),
      create as never,
    )
    .openapi(
      post(
        "/threads/{thread_id}/runs/crons",
        "Create a cron on a thread's target",
        CronBody,
        "runs:write",
        ThreadParam,
      ),
      create as never,
    )
    .openapi(post("/runs/crons/search", "The tenant's crons", Search, "read"), async (c) => {
      const q = bodyOf(c.req.valid("json" as never), Search);
      const { tenantId } = c.get("principal");
      const all = (await listSchedules(deps.sql, tenantId))
        .map(cronView)
        .filter(
          (v) =>
            (!q.assistant_id || v.assistant_id === assistantId(agentOfAssistant(q.assistant_id).name)) &&
            (!q.thread_id || v.thread_id === q.thread_id) &&
            (q.enabled === undefined || v.enabled === q.enabled),
        );
      return c.json(all.slice(q.offset, q.offset + q.limit), 200);
    })
    .openapi(remove, async (c) => {
      const { cron_id } = c.req.valid("param");
      await deleteTenantSchedule(deps.sql, queue, c.get("principal").tenantId, cron_id).catch(
        (err: { code?: string }) => {
          // a cron is a schedule, but the request names it cron_id
          if (err.code === "SCHEDULE_NOT_FOUND") throw notFound("cron", cron_id, "cron_id");
          throw err;
        },
      );
      return c.body(null, 204);
    });
}
