import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../../db/index.ts";
import { listPeople, PEOPLE_SORTS } from "../../../../db/queries/api-entities-people.ts";
import { requireScope } from "../../auth.ts";
import type { AppContext } from "../../context.ts";
import { router } from "../../router.ts";
import { errorResponses, IsoDate } from "../../schemas.ts";
import { Bool, keysetPage, listAnswer, listQuery, listResponse, Text } from "./shared.ts";

const ASC = ["name"] as const;
const ROLES = ["rep", "manager", "cs", "support", "marketing", "admin"] as const;

const Person = z
  .object({
    id: z.string(),
    external_id: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.string().openapi({ description: ROLES.join(", ") }),
    capacity_hours_per_day: z
      .number()
      .openapi({ description: "hours of task work the planner may assign per day" }),
    skills: z.array(z.string()),
    territories: z.array(z.string()),
    time_zone: z.string(),
    active: z.boolean(),
    open_tasks: z.number().int().openapi({ description: "open and in-progress tasks assigned to them" }),
    open_task_minutes: z.number().int().openapi({ description: "their estimated minutes" }),
    created_at: IsoDate,
  })
  .openapi("Person");

const Query = listQuery(PEOPLE_SORTS, "name", ASC).extend({
  role: z.enum(ROLES).optional(),
  territory: Text("only people working this territory"),
  skill: Text("only people with this skill"),
  active: Bool.openapi({ description: "only active (true) or inactive (false) people" }),
  q: Text("part of the name or e-mail, any case"),
});

const list = createRoute({
  method: "get",
  path: "/people",
  tags: ["book"],
  summary: "List the tenant's people (reps, CS, support …) with capacity, skills, territories and open work",
  middleware: [requireScope("read")] as const,
  request: { query: Query },
  responses: { 200: listResponse(Person, "A page of people"), ...errorResponses },
});

export function peopleRoutes({ deps }: AppContext) {
  return router().openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const page = keysetPage(q, PEOPLE_SORTS, ASC, "people");
    const filter = { role: q.role, territory: q.territory, skill: q.skill, active: q.active, q: q.q };
    const result = await withTenant(deps.sql, tenantId, (tx) => listPeople(tx, tenantId, filter, page));
    return c.json(listAnswer(result, q, page), 200);
  });
}
