import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { DEAL_SORTS, listDeals } from "../../../../db/queries/api-entities-deals.ts";
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
  tierFilter,
  TierQuery,
} from "./shared.ts";

const ASC = ["name", "close"] as const;

const Deal = z
  .object({
    id: z.string(),
    external_id: z.string().nullable(),
    name: z.string(),
    account_id: z.string().nullable(),
    account_name: z.string().nullable(),
    owner_id: z.string().nullable(),
    owner_name: z.string().nullable(),
    stage: z.string(),
    status: z.string().openapi({ description: "open, won or lost" }),
    amount: z.number().nullable(),
    currency: z.string(),
    probability: z
      .number()
      .nullable()
      .openapi({ description: "the CRM's own probability (the win score is in scores)" }),
    expected_close: z.string().nullable().openapi({ example: "2026-12-15" }),
    next_step: z.string().nullable(),
    stage_entered_at: IsoDate,
    created_at: IsoDate,
    updated_at: IsoDate,
    scores: ScoresByKind,
  })
  .openapi("Deal");

const Query = listQuery(DEAL_SORTS, "close", ASC).extend({
  owner_id: OptionalUuid("only deals this person owns"),
  account_id: OptionalUuid("only deals of this account"),
  stage: Text("only deals in this stage (exact)"),
  status: CommaList(["open", "won", "lost"] as const, "open"),
  q: Text("part of the deal's or its account's name, any case"),
  ...TierQuery("win"),
});

const list = createRoute({
  method: "get",
  path: "/deals",
  tags: ["book"],
  summary:
    "List deals (filter, sort, cursor pages), each with its latest scores; soonest close first by default",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Deal, "A page of deals"), ...errorResponses },
});

export function dealRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const page = keysetPage(q, DEAL_SORTS, ASC, "deals");
    const filter = {
      ownerId: q.owner_id,
      accountId: q.account_id,
      stage: q.stage,
      status: q.status,
      q: q.q,
      tier: tierFilter(q, "win"),
    };
    const result = await withTenant(deps.sql, tenantId, (tx) => listDeals(tx, tenantId, filter, page));
    return c.json(listAnswer(result, q, page), 200);
  });
}
