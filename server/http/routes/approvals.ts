import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import type { DraftCursor } from "../../../db/queries/draft-list.ts";
import { waitingRuns } from "../../../db/queries/waiting-runs.ts";
import type { DraftDecision } from "../../../db/queries/drafts.ts";
import { queueRunDecisions } from "../../../graphs/runtime/index.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { router } from "../router.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { conflictResponse, errorResponses, IdParam, IsoDate, json, jsonBody, Uuid } from "../schemas.ts";
import { editedBody, editedSubject, note, Stored, storedView } from "./decision-schemas.ts";
import { Draft } from "./drafts.ts";

const Decision = z.discriminatedUnion("decision", [
  z.object({ draft_id: Uuid, decision: z.literal("approve"), note }).strict(),
  z.object({ draft_id: Uuid, decision: z.literal("reject"), note }).strict(),
  z
    .object({ draft_id: Uuid, decision: z.literal("edit"), subject: editedSubject, body: editedBody, note })
    .strict(),
]);

const Approval = z
  .object({
    decisions: z
      .array(Decision)
      .max(500)
      .refine((ds) => new Set(ds.map((d) => d.draft_id)).size === ds.length, "a draft is decided twice")
      .default([])
      .openapi({
        description: "decisions on some or all of the drafts the run waits on (none: give `rest`)",
      }),
    rest: z
      .enum(["pending", "reject"])
      .optional()
      .openapi({
        description:
          "resume now, whatever is still undecided: `reject` the rest, or leave it `pending` (decidable " +
          "later with POST /v1/drafts/{id}/decision). Without it the run resumes once every draft is decided.",
      }),
  })
  .strict()
  .openapi("ApprovalDecisions");

const Waiting = z
  .object({
    run_id: z.string(),
    agent: z.string(),
    target: z.record(z.string(), z.unknown()),
    created_at: IsoDate,
    drafts: z.array(Draft),
  })
  .openapi("WaitingRun");

const list = createRoute({
  method: "get",
  path: "/approvals",
  tags: ["approvals"],
  summary: "Runs waiting for a person, oldest first, with the drafts they still wait on",
  middleware: [requireScope("read")] as const,
  request: { query: CursorQuery },
  responses: {
    200: json(z.object({ data: z.array(Waiting), page: CursorPageInfo }), "Waiting runs"),
    ...errorResponses,
  },
});

const decide = createRoute({
  method: "post",
  path: "/runs/{id}/approval",
  tags: ["approvals"],
  summary: "Approve, edit or reject drafts a run waits on; the run resumes in a worker once all are decided",
  description:
    "Decisions may come a few at a time. The request answers once they are stored: 202 when the run's " +
    "resume is queued (every draft decided, or `rest` given), 200 while it still waits on `pending`. " +
    "Approved (and edited) drafts go to the outbox (GET /v1/outbox); nothing is sent by the engine.",
  middleware: [requireScope("approve")] as const,
  request: { params: IdParam, body: jsonBody(Approval) },
  responses: {
    200: json(Stored, "Stored; the run still waits on the drafts in `pending`"),
    202: json(Stored, "Stored; the run's resume is queued (follow it at GET /v1/runs/{id})"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function approvalRoutes({ deps, queue }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const cursor = decodeCursor(q.cursor, 2) as DraftCursor | undefined;
      const { rows, total } = await withTenant(deps.sql, tenantId, (tx) =>
        waitingRuns(tx, tenantId, { limit: q.limit, cursor }),
      );
      const page = cursorPage(rows, q, total, (r) => r.cursor);
      return c.json({ data: page.rows.map(({ cursor: _, ...r }) => r), page: page.page }, 200);
    })
    .openapi(decide, async (c) => {
      const { id } = c.req.valid("param");
      const { decisions, rest } = c.req.valid("json");
      const { tenantId, prefix } = c.get("principal");
      c.set("log", c.get("log").child({ runId: id }));
      const stored = await queueRunDecisions(
        deps,
        queue,
        tenantId,
        id,
        decisions.map(toDecision),
        `api_key:${prefix}`,
        rest,
      );
      const { body, status } = storedView(stored);
      if (status === 202) c.header("location", `/v1/runs/${id}`);
      return c.json(body, status);
    });
}

export function toDecision(d: z.infer<typeof Decision>): DraftDecision {
  if (d.decision === "edit")
    return { draftId: d.draft_id, decision: "edit", subject: d.subject, body: d.body, note: d.note };
  return { draftId: d.draft_id, decision: d.decision, note: d.note };
}
