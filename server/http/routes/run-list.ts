import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { countRunOutputs } from "../../../db/queries/outputs.ts";
import { listRuns, runOutputTotals } from "../../../db/queries/run-list.ts";
import { OUTPUT_KINDS, pageRunOutputs } from "../../../db/queries/run-outputs-page.ts";
import { getRun } from "../../../db/queries/runs.ts";
import { AGENTS } from "../../../graphs/agents.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { router } from "../router.ts";
import { errorResponses, IdParam, json, Timestamp, Uuid } from "../schemas.ts";
import { OutputTotals, Run, runView } from "./run-schemas.ts";

const STATUSES = [
  "queued",
  "running",
  "interrupted",
  "succeeded",
  "failed",
  "cancelled",
  "budget_exceeded",
] as const;

const RunListQuery = CursorQuery.extend({
  agent: z.enum(Object.keys(AGENTS) as [string, ...string[]]).optional(),
  status: z.enum(STATUSES).optional(),
  trigger: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: "api, schedule, event, cli, start, eval …" }),
  target_kind: z.enum(["account", "lead", "deal", "ticket", "contact", "segment", "all"]).optional(),
  target_id: Uuid.optional().openapi({ description: "runs on this entity" }),
  /** Created at or after (ISO 8601). */
  created_from: Timestamp.optional(),
  /** Created before (ISO 8601). */
  created_to: Timestamp.optional(),
});

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["runs"],
  summary: "The tenant's runs, newest first, filtered by agent, status, trigger, target and date",
  description:
    "Sorted by creation time then id, both descending (stable across pages). `page.total` counts every run matching the filters.",
  middleware: [requireScope("read")] as const,
  request: { query: RunListQuery },
  responses: {
    200: json(
      z.object({ data: z.array(Run.extend({ outputs: OutputTotals })), page: CursorPageInfo }),
      "A page of runs, each with how many scores, tasks and drafts it wrote",
    ),
    ...errorResponses,
  },
});

const outputs = createRoute({
  method: "get",
  path: "/{id}/outputs",
  tags: ["runs"],
  summary: "What a run wrote, one kind at a time, paged (the run's `totals` say how many)",
  description:
    "scores by score kind, then value (high first); tasks by value (high first) — every task the run " +
    "proposed, also one an earlier run created; drafts oldest first. Ties broken by id.",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam, query: CursorQuery.extend({ kind: z.enum(OUTPUT_KINDS) }) },
  responses: {
    200: json(
      z.object({
        kind: z.enum(OUTPUT_KINDS),
        data: z.array(z.record(z.string(), z.unknown())),
        page: CursorPageInfo,
      }),
      "A page of one kind of the run's outputs",
    ),
    ...errorResponses,
  },
});

/** GET /v1/runs (the list) and GET /v1/runs/{id}/outputs (a run's outputs, paged). */
export function runListRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const after = decodeCursor(q.cursor, 2);
      const filter = {
        agent: q.agent,
        status: q.status,
        trigger: q.trigger,
        targetKind: q.target_kind,
        targetId: q.target_id,
        createdFrom: q.created_from,
        createdTo: q.created_to,
      };
      const { page, totals } = await withTenant(deps.sql, tenantId, async (tx) => {
        const { rows, total } = await listRuns(tx, tenantId, filter, { limit: q.limit, after });
        const page = cursorPage(rows, q, total, (r) => [r.sort_at, r.id]);
        return {
          page,
          totals: await runOutputTotals(
            tx,
            tenantId,
            page.rows.map((r) => r.id),
          ),
        };
      });
      const data = page.rows.map((r) => ({ ...runView(r), outputs: totals.get(r.id)! }));
      return c.json({ data, page: page.page }, 200);
    })
    .openapi(outputs, async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const after = decodeCursor(q.cursor, q.kind === "scores" ? 3 : 2);
      const { rows, total } = await withTenant(deps.sql, tenantId, async (tx) => {
        if (!(await getRun(tx, tenantId, id))) throw notFound("run", id);
        const totals = await countRunOutputs(tx, id);
        return {
          rows: await pageRunOutputs(tx, id, q.kind, { limit: q.limit, after }),
          total: totals[q.kind],
        };
      });
      const page = cursorPage(rows, q, total, (r) => r.sort);
      return c.json({ kind: q.kind, data: page.rows.map(({ sort: _, ...r }) => r), page: page.page }, 200);
    });
}
