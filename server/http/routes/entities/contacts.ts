import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { CONTACT_SORTS, listContacts } from "../../../../db/queries/api-entities-contacts.ts";
import { requireScope } from "../../auth.ts";
import type { AppContext } from "../../context.ts";
import { router } from "../../router.ts";
import { errorResponses, IsoDate } from "../../schemas.ts";
import {
  Bool,
  keysetPage,
  listAnswer,
  listQuery,
  listResponse,
  OptionalUuid,
  ScoresByKind,
  Text,
} from "./shared.ts";

const ASC = ["name"] as const;
const ROLES = ["executive", "decision_maker", "champion", "user", "billing", "technical", "other"] as const;

const Contact = z
  .object({
    id: z.string(),
    external_id: z.string().nullable(),
    name: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    title: z.string().nullable(),
    role: z.string().nullable(),
    email: z.string().nullable(),
    account_id: z.string().nullable(),
    account_name: z.string().nullable(),
    contactable: z.boolean().openapi({ description: "e-mail consent given and not opted out" }),
    created_at: IsoDate,
    scores: ScoresByKind,
  })
  .openapi("Contact");

const Query = listQuery(CONTACT_SORTS, "name", ASC).extend({
  account_id: OptionalUuid("only contacts of this account"),
  role: z.enum(ROLES).optional(),
  contactable: Bool.openapi({ description: "only contacts that may (true) or may not (false) be e-mailed" }),
  q: Text("part of the name or e-mail, any case"),
});

const list = createRoute({
  method: "get",
  path: "/contacts",
  tags: ["book"],
  summary: "List contacts (filter, sort, cursor pages), each with its latest scores",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Contact, "A page of contacts"), ...errorResponses },
});

export function contactRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const page = keysetPage(q, CONTACT_SORTS, ASC, "contacts");
    const filter = { accountId: q.account_id, role: q.role, contactable: q.contactable, q: q.q };
    const result = await withTenant(deps.sql, tenantId, (tx) => listContacts(tx, tenantId, filter, page));
    return c.json(listAnswer(result, q, page), 200);
  });
}
