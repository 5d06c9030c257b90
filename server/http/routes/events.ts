import { createRoute, z } from "@hono/zod-openapi";
import { EVENT_TYPES } from "../../../db/queries/event-rules.ts";
import { TargetNotFoundError } from "../../../graphs/runtime/index.ts";
import { routeEvent } from "../../queue/events.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { router } from "../router.ts";
import { errorResponses, json, jsonBody } from "../schemas.ts";
import { RuleView, ruleView } from "./event-rules.ts";
import { Run, runView } from "./run-schemas.ts";

const EventIn = z
  .object({
    type: z.enum(EVENT_TYPES),
    id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "your event id: the same event twice starts its runs once" }),
    data: z.record(z.string(), z.unknown()).openapi({
      description: "entity ids and facts, e.g. {lead_id} or {ticket_id, account_id}",
      example: { lead_id: "7d0f2c1e-2a51-4c5e-9b7e-0c1f5d2a9e10" },
    }),
  })
  .strict()
  .openapi("Event");

const post = createRoute({
  method: "post",
  path: "/events",
  tags: ["events"],
  summary: "Send a CRM event; the tenant's rules start the agent run it calls for",
  middleware: [requireScope("runs:write")] as const,
  request: { body: jsonBody(EventIn) },
  responses: {
    202: json(
      z.object({
        rule: RuleView,
        runs: z.array(z.object({ run: Run, created: z.boolean(), behind: z.string().nullable() })),
      }),
      "Routed: the run is queued",
    ),
    200: json(
      z.object({ rule: z.null(), runs: z.array(z.unknown()).max(0) }),
      "No enabled rule for this event (nothing started)",
    ),
    ...errorResponses,
  },
});

/** POST /v1/events: an event routed by the tenant's rules to the agent run it calls for. */
export function eventRoutes({ deps, queue }: AppContext) {
  return router().openapi(post, async (c) => {
    const event = c.req.valid("json");
    const { tenantId } = c.get("principal");
    const routed = await routeEvent(deps, queue, tenantId, event).catch((err: unknown) => {
      // the run's target is the entity an event field names: the 404 points at that field
      if (!(err instanceof TargetNotFoundError)) throw err;
      const named = Object.keys(event.data).find((k) => event.data[k] === err.id);
      throw new ApiError(404, err.code, err.message, named ? `data.${named}` : "data");
    });
    if (!routed.rule) return c.json({ rule: null, runs: [] }, 200);
    c.set("log", c.get("log").child({ runIds: routed.runs.map((r) => r.run.id) }));
    const runs = routed.runs.map((r) => ({ run: runView(r.run), created: r.created, behind: r.behind }));
    return c.json({ rule: ruleView(routed.rule), runs }, 202);
  });
}
