import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { DRAFT_STATUSES, getDraft, listDrafts, type DraftCursor } from "../../../db/queries/draft-list.ts";
import { DraftDecisionError, type DraftDecision } from "../../../db/queries/drafts.ts";
import { decideDraft } from "../../../graphs/runtime/index.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { router } from "../router.ts";
import { conflictResponse, errorResponses, IdParam, IsoDate, json, jsonBody, Uuid } from "../schemas.ts";
import { editedBody, editedSubject, note, Stored, storedView } from "./decision-schemas.ts";

export const Draft = z
  .object({
    id: z.string(),
    status: z.enum(DRAFT_STATUSES as [string, ...string[]]).openapi({
      description:
        "`closed`: its run was cancelled; `decision_note` says so, and it can no longer be decided",
    }),
    decision: z.enum(["approve", "edit", "reject"]).nullable(),
    channel: z.string(),
    entity_kind: z.string(),
    entity_id: z.string(),
    account_id: z.string().nullable(),
    contact_id: z.string().nullable(),
    lead_id: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    evidence_ids: z.array(z.string()),
    provider: z
      .string()
      .openapi({ description: "who wrote the text: offline:<template> or <endpoint>:<model>" }),
    agent: z.string(),
    run_id: z.string().nullable(),
    approver: z.string().nullable(),
    decided_at: IsoDate.nullable(),
    decision_note: z.string().nullable(),
    created_at: IsoDate,
  })
  .openapi("Draft");

const DraftQuery = CursorQuery.extend({
  agent: z.string().max(40).optional(),
  channel: z.enum(["email", "reply", "sms"]).optional(),
  status: z.enum(DRAFT_STATUSES as [string, ...string[]]).optional(),
  run_id: Uuid.optional(),
  owner_id: Uuid.optional().openapi({
    description: "drafts about accounts this person owns (for a lead without an account: the lead's owner)",
  }),
});

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "List outreach drafts, newest first",
  middleware: [requireScope("read")] as const,
  request: { query: DraftQuery },
  responses: {
    200: json(z.object({ data: z.array(Draft), page: CursorPageInfo }), "A page of drafts"),
    ...errorResponses,
  },
});

const one = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["outputs"],
  summary: "One draft",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam },
  responses: { 200: json(z.object({ draft: Draft }), "The draft"), ...errorResponses },
});

const DecisionBody = z
  .discriminatedUnion("decision", [
    z.object({ decision: z.literal("approve"), reason: note }).strict(),
    z.object({ decision: z.literal("reject"), reason: note }).strict(),
    z
      .object({ decision: z.literal("edit"), subject: editedSubject, body: editedBody, reason: note })
      .strict(),
  ])
  .openapi("DraftDecision");

const decide = createRoute({
  method: "post",
  path: "/{id}/decision",
  tags: ["approvals"],
  summary: "Approve, edit or reject one pending draft",
  description:
    "`reason` is stored as the draft's decision note. When this was the last draft its run waits on, the " +
    "run's resume is queued (202). A closed draft (its run was cancelled) or a decided one is a 409.",
  middleware: [requireScope("approve")] as const,
  request: { params: IdParam, body: jsonBody(DecisionBody) },
  responses: {
    200: json(Stored, "Stored"),
    202: json(Stored, "Stored; the run's resume is queued"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function draftRoutes({ deps, queue }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const cursor = decodeCursor(q.cursor, 2) as DraftCursor | undefined;
      const filter = {
        agent: q.agent,
        channel: q.channel,
        status: q.status,
        runId: q.run_id,
        ownerId: q.owner_id,
      };
      const { rows, total } = await withTenant(deps.sql, tenantId, (tx) =>
        listDrafts(tx, tenantId, filter as Parameters<typeof listDrafts>[2], { limit: q.limit, cursor }),
      );
      const page = cursorPage(rows, q, total, (r) => r.cursor);
      return c.json({ data: page.rows.map(({ cursor: _, ...r }) => r), page: page.page }, 200);
    })
    .openapi(one, async (c) => {
      const { id } = c.req.valid("param");
      const draft = await getDraft(deps.sql, c.get("principal").tenantId, id);
      if (!draft) throw notFound("draft", id);
      return c.json({ draft }, 200);
    })
    .openapi(decide, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const { tenantId, prefix } = c.get("principal");
      const stored = await decideDraft(
        deps,
        queue,
        tenantId,
        toDecision(id, body),
        `api_key:${prefix}`,
      ).catch((err: unknown) => {
        // the draft is the path's: name it, not the run route's `decisions`
        if (err instanceof DraftDecisionError && err.code === "DRAFT_DECISION")
          throw new ApiError(409, err.code, err.message, "id");
        throw err;
      });
      const { body: answer, status } = storedView(stored);
      if (status === 202 && stored.run) c.header("location", `/v1/runs/${stored.run.id}`);
      return c.json(answer, status);
    });
}

function toDecision(draftId: string, d: z.infer<typeof DecisionBody>): DraftDecision {
  if (d.decision === "edit")
    return { draftId, decision: "edit", subject: d.subject, body: d.body, note: d.reason };
  return { draftId, decision: d.decision, note: d.reason };
}
