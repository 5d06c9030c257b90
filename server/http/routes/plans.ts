import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { listPlans } from "../../../db/queries/api-plans.ts";
import { planDays, planOfDate, type PlanDayRow, type PlanRow } from "../../../db/queries/plans.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { router } from "../router.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { errorResponses, IsoDate, json } from "../schemas.ts";

const Plan = z
  .object({
    id: z.string(),
    plan_date: z.string().openapi({ example: "2026-11-22" }),
    run_id: z.string().nullable(),
    status: z.enum(["proposing", "solved", "failed"]),
    as_of: IsoDate,
    method: z.enum(["mip", "greedy"]).nullable(),
    solver_status: z.string().nullable(),
    objective: z.number().nullable(),
    bound: z.number().nullable().openapi({ description: "the solver's bound on the objective" }),
    bound_source: z.string().nullable(),
    gap: z.number().nullable(),
    solve_ms: z.number().nullable(),
    fallback: z.string().nullable().openapi({ description: "why the greedy ran instead of the MIP" }),
    stats: z.record(z.string(), z.unknown()),
    created_at: IsoDate,
    solved_at: IsoDate.nullable(),
  })
  .openapi("Plan");

const RepDay = z
  .object({
    user_id: z.string(),
    name: z.string(),
    role: z.string(),
    capacity_minutes: z.number(),
    planned_minutes: z.number(),
    tasks: z.array(
      z.object({
        task_id: z.string(),
        position: z.number().int(),
        starts_at: IsoDate,
        ends_at: IsoDate,
        minutes: z.number(),
        value: z.number(),
        match: z.string().openapi({ description: "owner, territory or pool" }),
        type: z.string(),
        title: z.string(),
        source_agent: z.string(),
        due_at: IsoDate.nullable(),
      }),
    ),
  })
  .openapi("RepDay");

const Day = z.iso
  .date({ error: "must be a date, YYYY-MM-DD" })
  .openapi({ param: { name: "date", in: "path" }, example: "2026-11-22" });

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "The tenant's nightly plans, newest day first",
  middleware: [requireScope("read")] as const,
  request: { query: CursorQuery },
  responses: {
    200: json(z.object({ data: z.array(Plan), page: CursorPageInfo }), "A page of plans"),
    ...errorResponses,
  },
});
const get = createRoute({
  method: "get",
  path: "/{date}",
  tags: ["outputs"],
  summary: "The plan of a day: each rep's tasks in order, within capacity",
  middleware: [requireScope("read")] as const,
  request: { params: z.object({ date: Day }) },
  responses: { 200: json(z.object({ plan: Plan, reps: z.array(RepDay) }), "The plan"), ...errorResponses },
});

const view = ({ tenant_id: _t, ...p }: PlanRow) => p;

/** Groups a plan's placements by person, in the order planDays returns them. */
function repDays(rows: PlanDayRow[]) {
  const reps = new Map<string, z.infer<typeof RepDay>>();
  for (const r of rows) {
    let rep = reps.get(r.user_id);
    if (!rep) {
      rep = {
        user_id: r.user_id,
        name: r.user_name,
        role: r.role,
        capacity_minutes: r.capacity_hours_per_day * 60,
        planned_minutes: 0,
        tasks: [],
      };
      reps.set(r.user_id, rep);
    }
    rep.planned_minutes += r.minutes;
    const {
      task_id,
      position,
      starts_at,
      ends_at,
      minutes,
      value,
      match,
      type,
      title,
      source_agent,
      due_at,
    } = r;
    rep.tasks.push({
      task_id,
      position,
      starts_at: starts_at.toISOString(),
      ends_at: ends_at.toISOString(),
      minutes,
      value,
      match,
      type,
      title,
      source_agent,
      due_at: due_at?.toISOString() ?? null,
    });
  }
  return [...reps.values()];
}

export function planRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const query = c.req.valid("query");
      const after = decodeCursor(query.cursor, 2);
      const { tenantId } = c.get("principal");
      const { rows, total } = await withTenant(deps.sql, tenantId, (tx) =>
        listPlans(tx, tenantId, { limit: query.limit, after }),
      );
      const { rows: shown, page } = cursorPage(rows, query, total, (p) => [p.plan_date, p.id]);
      return c.json({ data: shown.map(view), page }, 200);
    })
    .openapi(get, async (c) => {
      const { date } = c.req.valid("param");
      const { tenantId } = c.get("principal");
      const found = await withTenant(deps.sql, tenantId, async (tx) => {
        const plan = await planOfDate(tx, tenantId, date);
        return plan ? { plan, days: await planDays(tx, tenantId, plan.id) } : null;
      });
      if (!found) throw notFound("plan", date, "date");
      return c.json({ plan: view(found.plan), reps: repDays(found.days) }, 200);
    });
}
