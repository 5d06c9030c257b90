import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { parsePlannerPolicy } from "../../../agents/planner/index.ts";
import { reassignTask, type AssignRules } from "../../../db/queries/api-tasks-assign.ts";
import { getTask, listTasks, setTaskStatus, TASK_STATUSES } from "../../../db/queries/api-tasks.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { CursorPageInfo, cursorPage, CursorQuery, decodeCursor } from "../paging.ts";
import { router } from "../router.ts";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  jsonBody,
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

const TaskQuery = CursorQuery.extend({
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
  summary:
    "List tasks, soonest due first (none last), then by expected value and id (filter by assignee, status, due time; cursor pages)",
  middleware: [requireScope("read")] as const,
  request: { query: TaskQuery },
  responses: {
    200: json(z.object({ data: z.array(Task), page: CursorPageInfo }), "A page of tasks"),
    ...errorResponses,
  },
});

const TaskChange = z
  .object({
    status: Status.optional(),
    assignee_id: Uuid.nullable()
      .optional()
      .openapi({
        description:
          "reassign to this person (null: unassign). Refused with a 409 naming why when they are inactive, " +
          "not of a role that takes the task's source agent, lack the skill it needs, or have no room for its " +
          "minutes on its day (the plan's day, else its due date, else today, in their time zone)",
      }),
  })
  .strict()
  .openapi("TaskChange", { description: "send status, assignee_id or both" });

const patch = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["outputs"],
  summary: "Change a task's status or reassign it (checked against the person's role, skills and capacity)",
  middleware: [requireScope("runs:write")] as const,
  request: { params: IdParam, body: jsonBody(TaskChange) },
  responses: { 200: json(Task, "The task after the change"), ...errorResponses, ...conflictResponse },
});

// a tasks cursor: "tasks", the due time as Postgres prints it (or infinity), the expected value, the id
const CURSOR =
  /^tasks\|(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?)\|-?\d+(\.\d+)?\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// the nightly planner's rules of who takes what, with its default options
const policy = parsePlannerPolicy({});
const RULES: AssignRules = { rolesBySource: policy.roles, skillByType: policy.skillByType };

export function taskRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const key = decodeCursor(q.cursor, 4);
      if (
        key &&
        (key[0] !== "tasks" ||
          !key.slice(1).every((v) => typeof v === "string") ||
          !CURSOR.test(key.join("|")))
      )
        throw new ApiError(
          400,
          "INVALID_CURSOR",
          'query parameter "cursor": is not a cursor of this list',
          "cursor",
        );
      const result = await withTenant(deps.sql, tenantId, (tx) =>
        listTasks(tx, tenantId, {
          assignee: q.assignee,
          status: q.status,
          dueBefore: q.due_before,
          dueAfter: q.due_after,
          after: key ? [key[1] as string, key[2] as string, key[3] as string] : undefined,
          limit: q.limit,
        }),
      );
      const { rows, page } = cursorPage(result.rows, q, result.total, (r) => ["tasks", ...r.sort_key, r.id]);
      return c.json({ data: rows.map(({ sort_key: _k, ...row }) => row), page }, 200);
    })
    .openapi(patch, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      const { tenantId, prefix } = c.get("principal");
      const actor = `api_key:${prefix}`;
      const task = await withTenant(deps.sql, tenantId, async (tx) => {
        if (change.assignee_id !== undefined) {
          const done = await reassignTask(tx, tenantId, id, change.assignee_id, {
            actor,
            now: deps.now(),
            rules: RULES,
          });
          if (!done) return null;
          if ("refused" in done) {
            const r = done.refused;
            throw new ApiError(r.status, r.code, r.message, r.field);
          }
        }
        if (change.status !== undefined) return setTaskStatus(tx, tenantId, id, change.status, actor);
        return getTask(tx, tenantId, id);
      });
      if (!task) throw notFound("task", id);
      // an unknown task is a 404 whatever the body says; a known one needs something to change
      if (change.status === undefined && change.assignee_id === undefined)
        throw new ApiError(400, "VALIDATION_FAILED", 'body: send "status", "assignee_id" or both', "body");
      return c.json(task, 200);
    });
}
