import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { scoreHistory } from "../../../db/queries/api-outputs.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { router } from "../router.ts";
import { errorResponses, IsoDate, json, Uuid } from "../schemas.ts";

const Score = z
  .object({
    id: z.string(),
    entity_kind: z.string(),
    entity_id: z.string(),
    kind: z.string().openapi({ example: "health" }),
    value: z.number(),
    probability: z.number().nullable(),
    tier: z.string().nullable(),
    reasons: z.array(z.unknown()).openapi({ description: "[{factor, contribution, evidence_ids?}]" }),
    model_version: z.string(),
    agent: z.string(),
    run_id: z.string().nullable(),
    created_at: IsoDate,
  })
  .openapi("Score");

const get = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary: "An entity's scores: the current one of each kind, and the history (newest first)",
  middleware: [requireScope("read")] as const,
  request: {
    query: z.object({
      entity_kind: z.enum(["account", "contact", "lead", "deal", "ticket"]),
      entity_id: Uuid,
      kind: z.string().min(1).max(64).optional().openapi({ description: "only scores of this kind" }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: json(
      z.object({
        current: z.array(Score).openapi({ description: "the latest score of each kind" }),
        history: z.array(Score),
      }),
      "Scores of the entity",
    ),
    ...errorResponses,
  },
});

export function scoreRoutes({ deps }: AppContext) {
  return router().openapi(get, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    const history = await withTenant(deps.sql, tenantId, (tx) =>
      scoreHistory(tx, tenantId, { kind: q.entity_kind, id: q.entity_id, scoreKind: q.kind, limit: q.limit }),
    );
    const seen = new Set<string>();
    const current = history.filter((s) => !seen.has(s.kind) && seen.add(s.kind));
    return c.json({ current, history }, 200);
  });
}
