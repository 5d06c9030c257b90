import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { pendingApprovals } from "../../../db/queries/api-outputs.ts";
import type { DraftDecision } from "../../../db/queries/drafts.ts";
import { runOutputs } from "../../../db/queries/outputs.ts";
import { getRun } from "../../../db/queries/runs.ts";
import { agentNamed } from "../../../graphs/agents.ts";
import { decideRunDrafts } from "../../../graphs/runtime/index.ts";
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
  Uuid,
} from "../schemas.ts";
import { Draft } from "./drafts.ts";
import { Outputs, Run, outputsView, runView } from "./run-schemas.ts";

const note = z.string().max(2000).optional();
const Decision = z.discriminatedUnion("decision", [
  z.object({ draft_id: Uuid, decision: z.literal("approve"), note }).strict(),
  z.object({ draft_id: Uuid, decision: z.literal("reject"), note }).strict(),
  z
    .object({
      draft_id: Uuid,
      decision: z.literal("edit"),
      subject: z.string().max(500).optional(),
      body: z.string().trim().min(1, "an edited body cannot be empty").max(50_000),
      note,
    })
    .strict(),
]);

const Approval = z
  .object({
    decisions: z
      .array(Decision)
      .min(1)
      .max(500)
      .refine((ds) => new Set(ds.map((d) => d.draft_id)).size === ds.length, "a draft is decided twice")
      .openapi({ description: "one decision per draft the run waits on" }),
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
  summary: "Runs waiting for a person, with the drafts they wait on",
  middleware: [requireScope("read")] as const,
  request: { query: PageQuery },
  responses: {
    200: json(z.object({ data: z.array(Waiting), page: PageInfo }), "Waiting runs"),
    ...errorResponses,
  },
});

const decide = createRoute({
  method: "post",
  path: "/runs/{id}/approval",
  tags: ["approvals"],
  summary: "Approve, edit or reject each draft a run waits on; the run then resumes",
  description:
    "Approved (and edited) drafts go to the outbox for a delivery integration; nothing is sent by the engine.",
  middleware: [requireScope("approve")] as const,
  request: { params: IdParam, body: jsonBody(Approval) },
  responses: {
    200: json(z.object({ run: Run, outputs: Outputs }), "The run after it resumed"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function approvalRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const page = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const { rows, more } = await withTenant(deps.sql, tenantId, (tx) =>
        pendingApprovals(tx, tenantId, page),
      );
      return c.json({ data: rows, page: pageInfo(page, more) }, 200);
    })
    .openapi(decide, async (c) => {
      const { id } = c.req.valid("param");
      const { decisions } = c.req.valid("json");
      const { tenantId, prefix } = c.get("principal");
      const run = await withTenant(deps.sql, tenantId, (tx) => getRun(tx, tenantId, id));
      if (!run) throw notFound("run", id);
      c.set("log", c.get("log").child({ runId: id }));
      const leg = await decideRunDrafts(
        deps,
        agentNamed(run.agent),
        tenantId,
        id,
        decisions.map(toDecision),
        `api_key:${prefix}`,
      );
      return c.json({ run: runView(leg.run), outputs: outputsView(await runOutputs(deps.sql, id)) }, 200);
    });
}

function toDecision(d: z.infer<typeof Decision>): DraftDecision {
  if (d.decision === "edit")
    return { draftId: d.draft_id, decision: "edit", subject: d.subject, body: d.body, note: d.note };
  return { draftId: d.draft_id, decision: d.decision, note: d.note };
}
