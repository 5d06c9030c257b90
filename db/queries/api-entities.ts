import type postgres from "postgres";

/**
 * What the entity list repositories (api-entities-*.ts) share: a keyset page over a sort key that
 * is never null, its total, and the latest scores of the rows on the page. Every function runs
 * inside `withTenant`; values are always parameters, and the sort expressions are fixed fragments
 * chosen by name, never text from a request.
 */

type Tx = postgres.TransactionSql;
type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** The SQL type a sort key is compared as (a cursor holds its text form, cast back to it). */
export type SortType = "text" | "float8" | "date" | "timestamptz";

/** One sort key of a list: an expression over the row alias `e`, its type, and whether it may be null. */
export interface SortSpec {
  expr: (tx: Tx) => Fragment;
  type: SortType;
  /** A nullable key sorts its nulls last in both directions (as ±infinity). */
  nullable: boolean;
}

export type SortDir = "asc" | "desc";

/** A page request: the key, its direction, the cursor's key (text, id) and the page size. */
export interface KeysetPage {
  sort: SortSpec;
  dir: SortDir;
  after: readonly [string, string] | undefined;
  limit: number;
}

// sent as text and cast by Postgres: a timestamptz parameter would pass through a JS Date and
// lose its microseconds (the keyset would then skip or repeat rows), and ±infinity would not parse
const cast = (tx: Tx, type: SortType, v: string | null): Fragment =>
  type === "float8"
    ? tx`${v}::text::float8`
    : type === "date"
      ? tx`${v}::text::date`
      : type === "timestamptz"
        ? tx`${v}::text::timestamptz`
        : tx`${v}::text`;

/** The sort key expression with its nulls made ±infinity, so they come last either way. */
function sortKey(tx: Tx, s: SortSpec, dir: SortDir): Fragment {
  if (!s.nullable || s.type === "text") return s.expr(tx);
  return tx`coalesce(${s.expr(tx)}, ${cast(tx, s.type, dir === "desc" ? "-infinity" : "infinity")})`;
}

/** `a AND b AND …` of filter fragments (TRUE for none). */
export function allOf(tx: Tx, conds: Fragment[]): Fragment {
  return conds.reduce((acc, c) => tx`${acc} AND ${c}`, tx`TRUE`);
}

/**
 * One page of `from` (a table with the alias `e`) under `where`, ordered by the sort key then id
 * (both in `page.dir`), after the cursor's (key, id); reads `limit + 1` rows so the caller can tell
 * whether another page follows. Each row carries `sort_key`, its key as text, for the next cursor.
 */
export function keysetRows<T extends postgres.Row>(
  tx: Tx,
  q: { columns: Fragment; from: Fragment; where: Fragment },
  page: KeysetPage,
): Promise<(T & { sort_key: string })[]> {
  const key = sortKey(tx, page.sort, page.dir);
  const desc = page.dir === "desc";
  const after = page.after
    ? desc
      ? tx`(x.sk, x.id) < (${cast(tx, page.sort.type, page.after[0])}, ${page.after[1]}::uuid)`
      : tx`(x.sk, x.id) > (${cast(tx, page.sort.type, page.after[0])}, ${page.after[1]}::uuid)`
    : tx`TRUE`;
  const order = desc ? tx`x.sk DESC, x.id DESC` : tx`x.sk ASC, x.id ASC`;
  return tx<(T & { sort_key: string })[]>`
    SELECT x.*, x.sk::text AS sort_key FROM (SELECT ${q.columns}, ${key} AS sk FROM ${q.from} WHERE ${q.where}) x
    WHERE ${after} ORDER BY ${order} LIMIT ${page.limit + 1}`;
}

/** Rows of `from` under `where`, over all pages. */
export async function countRows(tx: Tx, q: { from: Fragment; where: Fragment }): Promise<number> {
  const [row] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where}`;
  return row!.n;
}

/** A `LIKE` pattern matching `q` anywhere, its wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The latest score of `kind` of the row `e` (an entity of `entityKind`): value, probability or tier. */
export function latestScore(
  tx: Tx,
  entityKind: string,
  kind: string,
  field: "value" | "probability" | "tier",
): Fragment {
  const col =
    field === "value"
      ? tx`s.value::float8`
      : field === "probability"
        ? tx`s.probability::float8`
        : tx`s.tier`;
  return tx`(SELECT ${col} FROM scores s
             WHERE s.tenant_id = e.tenant_id AND s.entity_kind = ${entityKind} AND s.entity_id = e.id AND s.kind = ${kind}
             ORDER BY s.created_at DESC, s.id DESC LIMIT 1)`;
}

/** An entity's latest score of one kind, as list rows show it. */
export interface LatestScore {
  value: number;
  probability: number | null;
  tier: string | null;
  scored_at: Date;
}

/** The latest score of each kind of each of `ids`: entity id → kind → score. */
export async function latestScores(
  tx: Tx,
  tenantId: string,
  entityKind: string,
  ids: string[],
): Promise<Map<string, Record<string, LatestScore>>> {
  const out = new Map<string, Record<string, LatestScore>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return out;
  const rows = await tx<(LatestScore & { entity_id: string; kind: string })[]>`
    SELECT DISTINCT ON (entity_id, kind) entity_id, kind, value::float8 AS value,
           probability::float8 AS probability, tier, created_at AS scored_at
    FROM scores
    WHERE tenant_id = ${tenantId} AND entity_kind = ${entityKind} AND entity_id = ANY(${ids}::uuid[])
    ORDER BY entity_id, kind, created_at DESC, id DESC`;
  for (const { entity_id, kind, ...score } of rows) out.get(entity_id)![kind] = score;
  return out;
}

/** A page of an entity list: rows with their latest scores, whether more follow, and the total. */
export interface EntityPage<T> {
  rows: (T & { sort_key: string; scores: Record<string, LatestScore> })[];
  total: number;
}

/** keysetRows + countRows + latestScores for one entity kind. */
export async function entityPage<T extends { id: string }>(
  tx: Tx,
  tenantId: string,
  entityKind: string | null,
  q: { columns: Fragment; from: Fragment; where: Fragment },
  page: KeysetPage,
): Promise<EntityPage<T>> {
  const rows = await keysetRows<T>(tx, q, page);
  const total = await countRows(tx, q);
  const scores = entityKind
    ? await latestScores(
        tx,
        tenantId,
        entityKind,
        rows.map((r) => r.id),
      )
    : new Map<string, Record<string, LatestScore>>();
  return { rows: rows.map((r) => ({ ...r, scores: scores.get(r.id) ?? {} })), total };
}
