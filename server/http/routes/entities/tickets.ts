import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { listTickets, TICKET_SORTS } from "../../../../db/queries/api-entities-tickets.ts";
import { requireScope } from "../../auth.ts";
import type { AppContext } from "../../context.ts";
import { router } from "../../router.ts";
import { errorResponses, IsoDate } from "../../schemas.ts";
import {
  CommaList,
  keysetPage,
  listAnswer,
  listQuery,
  listResponse,
  OptionalUuid,
  ScoresByKind,
  Text,
} from "./shared.ts";

const ASC = [] as const;
const STATUSES = ["open", "pending", "on_hold", "resolved", "closed"] as const;
const PRIORITIES = ["low", "medium", "high", "critical"] as const;

const Ticket = z
  .object({
    id: z.string(),
    external_id: z.string().nullable(),
    subject: z.string().nullable(),
    status: z.string().openapi({ description: STATUSES.join(", ") }),
    priority: z
      .string()
      .nullable()
      .openapi({ description: PRIORITIES.join(", ") }),
    queue: z.string().nullable(),
    category: z.string().nullable(),
    channel: z.string().nullable(),
    language: z.string().nullable(),
    account_id: z.string().nullable(),
    account_name: z.string().nullable(),
    contact_id: z.string().nullable(),
    assignee_id: z.string().nullable(),
    assignee_name: z.string().nullable(),
    sla_first_response_minutes: z.number().int().nullable(),
    first_response_at: IsoDate.nullable(),
    resolved_at: IsoDate.nullable(),
    created_at: IsoDate,
    updated_at: IsoDate,
    scores: ScoresByKind,
  })
  .openapi("Ticket");

const Query = listQuery(TICKET_SORTS, "created", ASC).extend({
  status: CommaList(STATUSES, "open,pending"),
  priority: z.enum(PRIORITIES).optional(),
  queue: Text("only tickets of this queue (exact)"),
  assignee_id: OptionalUuid("only tickets assigned to this person"),
  account_id: OptionalUuid("only tickets of this account"),
  q: Text("part of the subject, any case"),
});

const list = createRoute({
  method: "get",
  path: "/tickets",
  tags: ["book"],
  summary: "List tickets (filter, sort, cursor pages), each with its latest scores; newest first by default",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Ticket, "A page of tickets"), ...errorResponses },
});

export function ticketRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const page = keysetPage(q, TICKET_SORTS, ASC, "tickets");
    const filter = {
      status: q.status,
      priority: q.priority,
      queue: q.queue,
      assigneeId: q.assignee_id,
      accountId: q.account_id,
      q: q.q,
    };
    const result = await withTenant(deps.sql, tenantId, (tx) => listTickets(tx, tenantId, filter, page));
    return c.json(listAnswer(result, q, page), 200);
  });
}
