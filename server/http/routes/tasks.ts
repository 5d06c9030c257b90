import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { listTasks, setTaskStatus, TASK_STATUSES } from "../../../db/queries/api-tasks.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { router } from "../router.ts";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  jsonBody,
  PageInfo,
  pageInfo,
  PageQuery,
  Timestamp,
  Uuid,
} from "../schemas.ts";

const Status = z.enum(TASK_STATUSES);

const Task = z
  .object({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    reason: z.string(),
    entity_kind: z.string(),
    entity_id: z.string(),
    priority_value: z.number().openapi({ description: "expected value the task is ranked by" }),
    estimated_minutes: z.number().int(),
    required_skill: z.string().nullable(),
    due_at: IsoDate.nullable(),
    assignee_id: z.string().nullable(),
    assignee_name: z.string().nullable(),
    status: Status,
    evidence_ids: z.array(z.string()),
    source_agent: z.string(),
    run_id: z.string().nullable(),
    plan_id: z.string().nullable(),
    created_at: IsoDate,
    updated_at: IsoDate,
  })
  .openapi("Task");

const TaskQuery = PageQuery.extend({
  assignee: z
    .union([Uuid, z.literal("unassigned")], { error: 'must be a user id (uuid) or "unassigned"' })
    .optional(),
  status: z
    .string()
    .transform((v) => v.split(","))
    .pipe(z.array(Status))
    .optional()
    .openapi({ description: "one status or several, comma-separated", example: "open,in_progress" }),
  due_before: Timestamp.optional().openapi({ type: "string", format: "date-time" }),
  due_after: Timestamp.optional().openapi({ type: "string", format: "date-time" }),
});

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "List tasks, soonest due first (filter by assignee, status, due time)",
  middleware: [requireScope("read")] as const,
  request: { query: TaskQuery },
  responses: {
    200: json(z.object({ data: z.array(Task), page: PageInfo }), "A page of tasks"),
    ...errorResponses,
  },
});

const patch = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["outputs"],
  summary: "Change a task's status",
  middleware: [requireScope("runs:write")] as const,
  request: { params: IdParam, body: jsonBody(z.object({ status: Status }).strict()) },
  responses: { 200: json(Task, "The task after the change"), ...errorResponses, ...conflictResponse },
});

export function taskRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const { rows, more } = await withTenant(deps.sql, tenantId, (tx) =>
        listTasks(tx, tenantId, {
          assignee: q.assignee,
          status: q.status,
          dueBefore: q.due_before,
          dueAfter: q.due_after,
          limit: q.limit,
          offset: q.offset,
        }),
      );
      return c.json({ data: rows, page: pageInfo(q, more) }, 200);
    })
    .openapi(patch, async (c) => {
      const { id } = c.req.valid("param");
      const { status } = c.req.valid("json");
      const { tenantId, prefix } = c.get("principal");
      const task = await withTenant(deps.sql, tenantId, (tx) =>
        setTaskStatus(tx, tenantId, id, status, `api_key:${prefix}`),
      );
      if (!task) throw notFound("task", id);
      return c.json(task, 200);
    });
}
