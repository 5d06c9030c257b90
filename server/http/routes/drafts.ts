import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { listDrafts } from "../../../db/queries/api-outputs.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { router } from "../router.ts";
import { errorResponses, IsoDate, json, PageInfo, pageInfo, PageQuery, Uuid } from "../schemas.ts";

export const Draft = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "approved", "rejected", "sent"]),
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

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "List outreach drafts, newest first",
  middleware: [requireScope("read")] as const,
  request: {
    query: PageQuery.extend({
      status: z.enum(["pending", "approved", "rejected", "sent"]).optional(),
      run_id: Uuid.optional(),
    }),
  },
  responses: {
    200: json(z.object({ data: z.array(Draft), page: PageInfo }), "A page of drafts"),
    ...errorResponses,
  },
});

export function draftRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const { rows, more } = await withTenant(deps.sql, tenantId, (tx) =>
      listDrafts(tx, tenantId, { status: q.status, runId: q.run_id, limit: q.limit, offset: q.offset }),
    );
    return c.json({ data: rows, page: pageInfo(q, more) }, 200);
  });
}
