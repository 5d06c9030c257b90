import { z } from "@hono/zod-openapi";
import type { KeysetPage, SortDir, SortSpec } from "../../../../db/queries/api-entities.ts";
import { ApiError } from "../../errors.ts";
import { CursorPageInfo, CursorQuery, cursorPage, decodeCursor, type CursorPageQuery } from "../../paging.ts";
import { IsoDate, json, Uuid } from "../../schemas.ts";

/** Schemas and paging shared by the entity lists (accounts, leads, deals, tickets, contacts, people). */

export const LatestScore = z
  .object({
    value: z.number(),
    probability: z.number().nullable(),
    tier: z.string().nullable(),
    scored_at: IsoDate,
  })
  .openapi("LatestScore");

/** The latest score of each kind a row has, by kind (`{}` when it has none). */
export const ScoresByKind = z.record(z.string(), LatestScore).openapi({
  description: "the row's latest score of each kind, by kind",
  example: {
    health: { value: 62.5, probability: 0.21, tier: "watch", scored_at: "2026-11-22T03:00:00.000Z" },
  },
});

export const OptionalUuid = (description: string) => Uuid.optional().openapi({ description });

/** A comma-separated list of allowed values. */
export const CommaList = <T extends readonly [string, ...string[]]>(values: T, example: string) =>
  z
    .string()
    .transform((v) => v.split(","))
    .pipe(z.array(z.enum(values)))
    .optional()
    .openapi({ description: `one of ${values.join(", ")}, or several comma-separated`, example });

export const Text = (description: string) => z.string().min(1).max(200).optional().openapi({ description });

export const Bool = z
  .enum(["true", "false"], { error: 'must be "true" or "false"' })
  .transform((v) => v === "true")
  .optional();

/**
 * The query of a list sorted by one of `sorts`: cursor paging, `sort` (default `defaultSort`) and
 * `order` (default: ascending for names and dates to come, descending for everything else).
 */
export function listQuery<K extends string>(
  sorts: Record<K, SortSpec>,
  defaultSort: NoInfer<K>,
  ascending: readonly NoInfer<K>[],
) {
  const keys = Object.keys(sorts) as [K, ...K[]];
  return CursorQuery.extend({
    sort: z
      .enum(keys)
      .default(defaultSort)
      .openapi({
        description:
          `sort key (then id, so the order is stable): ${keys.join(", ")}; default ${defaultSort}. ` +
          `Ascending by default: ${ascending.join(", ") || "none"}; the others descending. Rows without a value come last.`,
      }),
    order: z
      .enum(["asc", "desc"])
      .optional()
      .openapi({ description: "override the sort key's default direction" }),
  });
}

/** What a sorted list query carries. */
export type SortedQuery<K extends string> = CursorPageQuery & { sort: K; order?: SortDir | undefined };

const FORMS: Record<SortSpec["type"], RegExp> = {
  text: /^[\s\S]*$/,
  float8: /^(-?Infinity|-?\d+(\.\d+)?(e[+-]?\d+)?)$/,
  date: /^(-?infinity|\d{4}-\d{2}-\d{2})$/,
  timestamptz: /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?)$/,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The keyset page a query of `list` asks for. The cursor holds the list, the sort, the direction,
 * the last row's key and id: a cursor of another list, sort or order is a 400 naming `cursor`.
 */
export function keysetPage<K extends string>(
  q: SortedQuery<K>,
  sorts: Record<K, SortSpec>,
  ascending: readonly NoInfer<K>[],
  list: string,
): KeysetPage & { list: string } {
  const sort = sorts[q.sort];
  const dir: SortDir = q.order ?? (ascending.includes(q.sort) ? "asc" : "desc");
  const key = decodeCursor(q.cursor, 5);
  if (key === undefined) return { list, sort, dir, after: undefined, limit: q.limit };
  const [l, s, d, value, id] = key;
  const fits =
    l === list &&
    s === q.sort &&
    d === dir &&
    typeof value === "string" &&
    FORMS[sort.type].test(value) &&
    typeof id === "string" &&
    UUID.test(id);
  if (!fits)
    throw new ApiError(
      400,
      "INVALID_CURSOR",
      'query parameter "cursor": is not a cursor of this list with this sort and order',
      "cursor",
    );
  return { list, sort, dir, after: [value, id], limit: q.limit };
}

/** The answer of a list: rows without their sort key, and the page with the next cursor and total. */
export function listAnswer<T extends { id: string; sort_key: string }, K extends string>(
  result: { rows: T[]; total: number },
  q: SortedQuery<K>,
  page: KeysetPage & { list: string },
) {
  const { rows, page: info } = cursorPage(result.rows, q, result.total, (r) => [
    page.list,
    q.sort,
    page.dir,
    r.sort_key,
    r.id,
  ]);
  return { data: rows.map(({ sort_key: _key, sk: _sk, ...row }: T & { sk?: unknown }) => row), page: info };
}

/** The 200 answer of a list of `row`. */
export const listResponse = <T extends z.ZodType>(row: T, description: string) =>
  json(z.object({ data: z.array(row), page: CursorPageInfo }), description);

/** `tier` (with `score_kind`, default the list's main score kind): rows whose latest score of that kind has the tier. */
export const TierQuery = (primary: string) => ({
  tier: Text(`only rows whose latest score of \`score_kind\` has this tier, e.g. hot, at_risk`),
  score_kind: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: `the score kind \`tier\` is about (default ${primary})` }),
});

/** The tier filter of a query, or undefined. */
export function tierFilter(
  q: { tier?: string | undefined; score_kind?: string | undefined },
  primary: string,
) {
  return q.tier === undefined ? undefined : { scoreKind: q.score_kind ?? primary, tier: q.tier };
}
