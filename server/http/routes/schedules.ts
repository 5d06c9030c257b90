import { createRoute, z } from "@hono/zod-openapi";
import { getSchedule, listSchedulePage, PLAN_AGENT, type Schedule } from "../../../db/queries/schedules.ts";
import { AGENTS } from "../../../graphs/agents.ts";
import { createTenantSchedule, deleteTenantSchedule, updateTenantSchedule } from "../../queue/schedules.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { router } from "../router.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { conflictResponse, errorResponses, IdParam, IsoDate, json, jsonBody } from "../schemas.ts";
import { Target } from "./run-schemas.ts";

const Agent = z
  .enum([PLAN_AGENT, ...Object.keys(AGENTS)] as [string, ...string[]])
  .openapi({ description: `an agent, or "${PLAN_AGENT}" for the nightly plan` });

const fields = {
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, "lower-case letters, digits, _ . - (1-63)"),
  agent: Agent,
  cron: z
    .string()
    .min(1)
    .max(200)
    .openapi({ description: "5 fields (minute first) or 6 (seconds first)", example: "0 2 * * *" }),
  tz: z.string().min(1).max(64).openapi({ description: "IANA time zone", example: "Europe/Berlin" }),
  target: Target,
  enabled: z.boolean(),
};

const ScheduleCreate = z
  .object({
    ...fields,
    tz: fields.tz.default("UTC"),
    target: fields.target.optional(),
    enabled: fields.enabled.default(true),
  })
  .strict()
  .openapi("ScheduleCreate");
const SchedulePatch = z.object(fields).partial().strict().openapi("SchedulePatch");

const ScheduleView = z
  .object({
    id: z.string(),
    name: z.string(),
    agent: z.string(),
    cron: z.string(),
    tz: z.string(),
    target: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    last_fired_at: IsoDate.nullable(),
    created_at: IsoDate,
    updated_at: IsoDate,
  })
  .openapi("Schedule");

const view = ({ tenant_id: _t, ...s }: Schedule) => s;
const tags = ["schedules"];

const list = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "The tenant's cron schedules",
  middleware: [requireScope("read")] as const,
  request: { query: CursorQuery },
  responses: {
    200: json(
      z.object({ data: z.array(ScheduleView), page: CursorPageInfo }),
      "A page of schedules, by name",
    ),
    ...errorResponses,
  },
});
const get = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One schedule",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam },
  responses: { 200: json(ScheduleView, "The schedule"), ...errorResponses },
});
const create = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Create a cron schedule (in a time zone) for an agent or the nightly plan",
  middleware: [requireScope("admin")] as const,
  request: { body: jsonBody(ScheduleCreate) },
  responses: { 201: json(ScheduleView, "Created"), ...errorResponses, ...conflictResponse },
});
const patch = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Change a schedule's fields",
  middleware: [requireScope("admin")] as const,
  request: { params: IdParam, body: jsonBody(SchedulePatch) },
  responses: {
    200: json(ScheduleView, "The schedule after the change"),
    ...errorResponses,
    ...conflictResponse,
  },
});
const remove = createRoute({
  method: "delete",
  path: "/{id}",
  tags,
  summary: "Delete a schedule",
  middleware: [requireScope("admin")] as const,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

/** Schedules: rows in the store (the source of truth), mirrored into the queue's job schedulers. */
export function scheduleRoutes({ deps, queue }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const query = c.req.valid("query");
      const after = decodeCursor(query.cursor, 2);
      const { rows, total } = await listSchedulePage(deps.sql, c.get("principal").tenantId, {
        limit: query.limit,
        after,
      });
      const { rows: shown, page } = cursorPage(rows, query, total, (s) => [s.name, s.id]);
      return c.json({ data: shown.map(view), page }, 200);
    })
    .openapi(get, async (c) => {
      const s = await getSchedule(deps.sql, c.get("principal").tenantId, c.req.valid("param").id);
      return c.json(view(s), 200);
    })
    .openapi(create, async (c) => {
      const s = await createTenantSchedule(deps.sql, queue, c.get("principal").tenantId, c.req.valid("json"));
      return c.json(view(s), 201);
    })
    .openapi(patch, async (c) => {
      const { tenantId } = c.get("principal");
      const s = await updateTenantSchedule(
        deps.sql,
        queue,
        tenantId,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(view(s), 200);
    })
    .openapi(remove, async (c) => {
      await deleteTenantSchedule(deps.sql, queue, c.get("principal").tenantId, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
