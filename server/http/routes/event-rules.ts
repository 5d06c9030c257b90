import { createRoute, z } from "@hono/zod-openapi";
import { replaceEventRules } from "../../../db/queries/api-event-rules.ts";
import {
  EVENT_TYPES,
  listEventRules,
  RULE_TARGET_KINDS,
  type EventRule,
} from "../../../db/queries/event-rules.ts";
import { AGENTS, agentNamed } from "../../../graphs/agents.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { router } from "../router.ts";
import { errorResponses, IsoDate, json, jsonBody } from "../schemas.ts";

const Rule = z
  .object({
    event_type: z.enum(EVENT_TYPES),
    agent: z.enum(Object.keys(AGENTS) as [string, ...string[]]),
    target_kind: z.enum(RULE_TARGET_KINDS),
    target_field: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "a snake_case field of the event's data, e.g. lead_id"),
    position: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .openapi({ description: "lower first; default: the order given" }),
    enabled: z.boolean().default(true),
  })
  .strict();
export const RuleView = Rule.extend({
  id: z.string(),
  position: z.number().int(),
  created_at: IsoDate,
  updated_at: IsoDate,
}).openapi("EventRule");

const key = (r: z.infer<typeof Rule>) => `${r.event_type}|${r.agent}|${r.target_kind}|${r.target_field}`;
const RuleSet = z
  .object({
    rules: z
      .array(Rule)
      .max(200)
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((r, i) => {
          if (seen.has(key(r)))
            ctx.addIssue({ code: "custom", path: [i], message: "the same rule is listed twice" });
          seen.add(key(r));
        });
      }),
  })
  .strict()
  .openapi("EventRuleSet");

export const ruleView = ({ tenant_id: _t, ...r }: EventRule) => r;

const list = createRoute({
  method: "get",
  path: "/event-rules",
  tags: ["events"],
  summary: "The tenant's event routing rules",
  middleware: [requireScope("read")] as const,
  responses: {
    200: json(z.object({ rules: z.array(RuleView) }), "Rules, by event type and position"),
    ...errorResponses,
  },
});
const put = createRoute({
  method: "put",
  path: "/event-rules",
  tags: ["events"],
  summary: "Replace the tenant's event routing rules",
  description:
    "For one event type, the enabled rules are tried by position; the first whose target field the event carries fires.",
  middleware: [requireScope("admin")] as const,
  request: { body: jsonBody(RuleSet) },
  responses: {
    200: json(z.object({ rules: z.array(RuleView) }), "The rules now in force"),
    ...errorResponses,
  },
});

/** The tenant's event routing rules: read them, or replace them all at once. */
export function eventRuleRoutes({ deps }: AppContext) {
  return router()
    .openapi(list, async (c) => {
      const rules = await listEventRules(deps.sql, c.get("principal").tenantId);
      return c.json({ rules: rules.map(ruleView) }, 200);
    })
    .openapi(put, async (c) => {
      const { rules } = c.req.valid("json");
      rules.forEach((r, i) => {
        try {
          agentNamed(r.agent).input({ kind: r.target_kind, id: "00000000-0000-0000-0000-000000000000" });
        } catch (err) {
          throw new ApiError(
            400,
            "VALIDATION_FAILED",
            `rules.${i}: ${(err as Error).message}`,
            `rules.${i}.target_kind`,
          );
        }
      });
      const saved = await replaceEventRules(
        deps.sql,
        c.get("principal").tenantId,
        rules.map((r) => ({
          eventType: r.event_type,
          agent: r.agent,
          targetKind: r.target_kind,
          targetField: r.target_field,
          position: r.position,
          enabled: r.enabled,
        })),
      );
      return c.json({ rules: saved.map(ruleView) }, 200);
    });
}
