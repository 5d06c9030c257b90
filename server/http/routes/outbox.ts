import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { listOutbox, type OutboxCursor } from "../../../db/queries/outbox.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor } from "../paging.ts";
import { router } from "../router.ts";
import { errorResponses, IsoDate, json } from "../schemas.ts";

export const OutboxEntry = z
  .object({
    id: z.string(),
    draft_id: z.string(),
    agent: z.string(),
    channel: z.string(),
    run_id: z.string().nullable(),
    account_id: z.string().nullable(),
    contact_id: z.string().nullable(),
    lead_id: z.string().nullable(),
    to: z
      .string()
      .nullable()
      .openapi({ description: "the recipient's address, checked against consent at approval" }),
    subject: z.string().nullable(),
    body: z.string().openapi({ description: "the text as approved (a person's edit included)" }),
    approver: z.string().nullable(),
    decision: z.enum(["approve", "edit"]).nullable(),
    approved_at: IsoDate.nullable(),
    created_at: IsoDate,
  })
  .openapi("OutboxEntry");

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "The outbox: approved drafts waiting to be sent, oldest first",
  description:
    "The engine never sends: a delivery integration reads this list. `page.total` counts every entry " +
    "waiting under the filters.",
  middleware: [requireScope("read")] as const,
  request: {
    query: CursorQuery.extend({
      agent: z.string().max(40).optional(),
      channel: z.enum(["email", "reply", "sms"]).optional(),
    }),
  },
  responses: {
    200: json(z.object({ data: z.array(OutboxEntry), page: CursorPageInfo }), "A page of the outbox"),
    ...errorResponses,
  },
});

export function outboxRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const cursor = decodeCursor(q.cursor, 2) as OutboxCursor | undefined;
    const { rows, total } = await withTenant(deps.sql, tenantId, (tx) =>
      listOutbox(tx, tenantId, { agent: q.agent, channel: q.channel }, { limit: q.limit, cursor }),
    );
    const page = cursorPage(rows, q, total, (r) => r.cursor);
    return c.json({ data: page.rows.map(({ cursor: _, ...r }) => r), page: page.page }, 200);
  });
}
