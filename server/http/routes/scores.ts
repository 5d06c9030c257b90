import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { entityScoreHistory, topScores } from "../../../db/queries/api-entities-scores.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { CursorPageInfo, cursorPage, decodeCursor, MAX_PAGE_SIZE } from "../paging.ts";
import { router } from "../router.ts";
import { errorResponses, IsoDate, json, Uuid } from "../schemas.ts";
import { CurrentScore } from "./entities/scores-schema.ts";

const ENTITY_KINDS = ["account", "contact", "lead", "deal", "ticket"] as const;

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

const EntityScores = z
  .object({
    current: z.array(Score).openapi({ description: "the latest score of each kind" }),
    history: z.array(Score),
  })
  .openapi("EntityScores");

const TopScore = CurrentScore.extend({
  entity_kind: z.string(),
  entity_id: z.string(),
  entity_name: z
    .string()
    .nullable()
    .openapi({ description: "the account's, deal's or person's name, or the subject" }),
}).openapi("TopScore");

const TopScores = z.object({ data: z.array(TopScore), page: CursorPageInfo }).openapi("TopScores");

const get = createRoute({
  method: "get",
  path: "/",
  tags: ["outputs"],
  summary:
    "With entity_id: an entity's scores (the current one of each kind, and the history, newest first). " +
    "Without: the top entities by their latest score of `kind` (hot leads: kind=lead; at-risk accounts: kind=churn), with reasons",
  middleware: [requireScope("read")] as const,
  request: {
    query: z.object({
      entity_kind: z.enum(ENTITY_KINDS).optional().openapi({ description: "only entities of this kind" }),
      entity_id: Uuid.optional().openapi({ description: "one entity's scores" }),
      kind: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .openapi({ description: "the score kind (lead, health, churn, win …); required without entity_id" }),
      tier: z.string().min(1).max(64).optional().openapi({ description: "top scores: only this tier" }),
      order: z
        .enum(["desc", "asc"])
        .default("desc")
        .openapi({ description: "top scores: highest first (desc, default) or lowest first (asc)" }),
      limit: z.coerce
        .number({ error: "must be a whole number" })
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .max(500, { error: "must be at most 500" })
        .optional()
        .openapi({
          description: `history: at most this many (default 100, up to 500); top scores: page size (default 50, up to ${MAX_PAGE_SIZE})`,
        }),
      cursor: z
        .string()
        .max(2000)
        .optional()
        .openapi({ description: "top scores: `next_cursor` of the previous page" }),
    }),
  },
  responses: {
    200: json(z.union([EntityScores, TopScores]), "An entity's scores, or a page of the top scores"),
    ...errorResponses,
  },
});

const NUMBER = /^-?\d+(\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scoreRoutes({ deps }: AppContext) {
  return router().openapi(get, async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.get("principal");
    if (q.entity_id !== undefined) {
      const history = await withTenant(deps.sql, tenantId, (tx) =>
        entityScoreHistory(tx, tenantId, {
          entityKind: q.entity_kind,
          entityId: q.entity_id!,
          kind: q.kind,
          limit: q.limit ?? 100,
        }),
      );
      const seen = new Set<string>();
      const current = history.filter((s) => !seen.has(s.kind) && seen.add(s.kind));
      return c.json({ current, history }, 200);
    }
    if (q.kind === undefined)
      throw new ApiError(
        400,
        "VALIDATION_FAILED",
        'query parameter "entity_id": required for one entity\'s scores (or give "kind" for the top scores of a kind)',
        "entity_id",
      );
    const limit = q.limit ?? 50;
    if (limit > MAX_PAGE_SIZE)
      throw new ApiError(
        400,
        "VALIDATION_FAILED",
        `query parameter "limit": must be at most ${MAX_PAGE_SIZE} (the maximum page size)`,
        "limit",
      );
    const key = decodeCursor(q.cursor, 4);
    if (
      key &&
      (key[0] !== q.kind ||
        key[1] !== q.order ||
        !NUMBER.test(String(key[2])) ||
        typeof key[2] !== "string" ||
        !UUID.test(String(key[3])))
    )
      throw new ApiError(
        400,
        "INVALID_CURSOR",
        'query parameter "cursor": is not a cursor of this list',
        "cursor",
      );
    const after = key ? ([key[2] as string, key[3] as string] as const) : undefined;
    const result = await withTenant(deps.sql, tenantId, (tx) =>
      topScores(tx, tenantId, {
        kind: q.kind!,
        entityKind: q.entity_kind,
        tier: q.tier,
        dir: q.order,
        after,
        limit,
      }),
    );
    const { rows, page } = cursorPage(result.rows, { limit }, result.total, (r) => [
      q.kind!,
      q.order,
      r.sort_key,
      r.id,
    ]);
    return c.json({ data: rows.map(({ sort_key: _k, ...row }) => row), page }, 200);
  });
}
