import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { ACCOUNT_SORTS, getAccount, listAccounts } from "../../../../db/queries/api-entities-accounts.ts";
import { requireScope } from "../../auth.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { router } from "../../router.ts";
import { errorResponses, IdParam, IsoDate, json } from "../../schemas.ts";
import { CurrentScore } from "./scores-schema.ts";
import {
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

const ASC = ["name", "renewal"] as const;

const AccountFields = {
  id: z.string(),
  external_id: z.string().nullable(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employees: z.number().int().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  segment: z.string().nullable(),
  plan: z.string().nullable(),
  mrr: z.number().nullable(),
  arr: z.number().nullable(),
  lifecycle_stage: z.string(),
  owner_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  customer_since: z.string().nullable().openapi({ example: "2024-03-01" }),
  renewal_date: z.string().nullable().openapi({ example: "2027-03-31" }),
  created_at: IsoDate,
  updated_at: IsoDate,
};

const Account = z.object({ ...AccountFields, scores: ScoresByKind }).openapi("Account");

const AccountDetail = z
  .object({
    ...AccountFields,
    scores: z.array(CurrentScore).openapi({ description: "the latest score of each kind, with its reasons" }),
    counts: z.object({
      contacts: z.number().int(),
      open_deals: z.number().int(),
      open_tickets: z.number().int(),
      open_tasks: z.number().int(),
    }),
  })
  .openapi("AccountDetail");

const Query = listQuery(ACCOUNT_SORTS, "name", ASC).extend({
  owner_id: OptionalUuid("only accounts this person owns"),
  region: Text("only accounts of this region (exact)"),
  segment: Text("only accounts of this segment, e.g. smb, mid-market, enterprise"),
  lifecycle_stage: z.enum(["prospect", "onboarding", "customer", "churned"]).optional(),
  q: Text("part of the name or domain, any case"),
  ...TierQuery("health"),
});

const list = createRoute({
  method: "get",
  path: "/accounts",
  tags: ["book"],
  summary: "List accounts (filter, sort, cursor pages), each with its latest scores",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Account, "A page of accounts"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/accounts/{id}",
  tags: ["book"],
  summary: "An account with its latest scores and their reasons",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam },
  responses: { 200: json(AccountDetail, "The account"), ...errorResponses },
});

export function accountRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const page = keysetPage(q, ACCOUNT_SORTS, ASC, "accounts");
      const filter = {
        ownerId: q.owner_id,
        region: q.region,
        segment: q.segment,
        lifecycleStage: q.lifecycle_stage,
        q: q.q,
        tier: tierFilter(q, "health"),
      };
      const result = await withTenant(deps.sql, tenantId, (tx) => listAccounts(tx, tenantId, filter, page));
      return c.json(listAnswer(result, q, page), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid("param");
      const { tenantId } = c.get("principal");
      const account = await withTenant(deps.sql, tenantId, (tx) => getAccount(tx, tenantId, id));
      if (!account) throw notFound("account", id);
      return c.json(account, 200);
    });
}
