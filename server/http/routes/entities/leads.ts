import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { getLead, LEAD_SORTS, listLeads } from "../../../../db/queries/api-entities-leads.ts";
import { requireScope } from "../../auth.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { router } from "../../router.ts";
import { errorResponses, IdParam, IsoDate, json } from "../../schemas.ts";
import { CurrentScore } from "./scores-schema.ts";
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

const ASC = ["name"] as const;
const STATUSES = ["new", "working", "nurturing", "qualified", "unqualified", "converted"] as const;

const LeadFields = {
  id: z.string(),
  external_id: z.string().nullable(),
  name: z.string().openapi({ description: "the person's name, else the company, else the e-mail" }),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  employees: z.number().int().nullable(),
  country: z.string().nullable(),
  source: z.string().nullable(),
  status: z.string().openapi({ description: STATUSES.join(", ") }),
  account_id: z.string().nullable(),
  owner_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  do_not_contact: z.boolean(),
  opted_out_at: IsoDate.nullable(),
  created_at: IsoDate,
  updated_at: IsoDate,
};

const Lead = z.object({ ...LeadFields, scores: ScoresByKind }).openapi("Lead");

const LeadDetail = z
  .object({
    ...LeadFields,
    scores: z.array(CurrentScore).openapi({ description: "the latest score of each kind, with its reasons" }),
    counts: z.object({ activities: z.number().int(), open_tasks: z.number().int() }),
  })
  .openapi("LeadDetail");

const Query = listQuery(LEAD_SORTS, "score", ASC).extend({
  owner_id: OptionalUuid("only leads this person owns"),
  account_id: OptionalUuid("only leads linked to this account"),
  status: CommaList(STATUSES, "new,working"),
  source: Text("only leads from this source (exact)"),
  country: Text("only leads of this country (exact)"),
  q: Text("part of the name, company or e-mail, any case"),
  ...TierQuery("lead"),
});

const list = createRoute({
  method: "get",
  path: "/leads",
  tags: ["book"],
  summary: "List leads (filter, sort, cursor pages), each with its latest scores; hottest first by default",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Lead, "A page of leads"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/leads/{id}",
  tags: ["book"],
  summary: "A lead with its latest scores and their reasons",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam },
  responses: { 200: json(LeadDetail, "The lead"), ...errorResponses },
});

export function leadRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { tenantId } = c.get("principal");
      const page = keysetPage(q, LEAD_SORTS, ASC, "leads");
      const filter = {
        ownerId: q.owner_id,
        accountId: q.account_id,
        status: q.status,
        source: q.source,
        country: q.country,
        q: q.q,
        tier: tierFilter(q, "lead"),
      };
      const result = await withTenant(deps.sql, tenantId, (tx) => listLeads(tx, tenantId, filter, page));
      return c.json(listAnswer(result, q, page), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid("param");
      const { tenantId } = c.get("principal");
      const lead = await withTenant(deps.sql, tenantId, (tx) => getLead(tx, tenantId, id));
      if (!lead) throw notFound("lead", id);
      return c.json(lead, 200);
    });
}
