import type postgres from "postgres";
import { allOf } from "./api-entities.ts";

type Tx = postgres.TransactionSql;

/** The latest score of one kind of an entity, with the reasons behind it. */
export interface CurrentScore {
  id: string;
  kind: string;
  value: number;
  probability: number | null;
  tier: string | null;
  reasons: unknown[];
  model_version: string;
  agent: string;
  run_id: string | null;
  scored_at: Date;
}

/** An entity's latest score of each kind, by kind (call inside `withTenant`). */
export function currentScores(
  tx: Tx,
  tenantId: string,
  entityKind: string,
  entityId: string,
): Promise<CurrentScore[]> {
  return tx<CurrentScore[]>`
    SELECT DISTINCT ON (kind) id, kind, value::float8 AS value, probability::float8 AS probability, tier, reasons,
           model_version, agent, run_id, created_at AS scored_at
    FROM scores WHERE tenant_id = ${tenantId} AND entity_kind = ${entityKind} AND entity_id = ${entityId}
    ORDER BY kind, created_at DESC, id DESC`;
}

/** One entity's latest score of the ranked kind, with the entity's name. */
export interface TopScoreRow extends CurrentScore {
  entity_kind: string;
  entity_id: string;
  entity_name: string | null;
  /** The score's value as text: the cursor's sort key. */
  sort_key: string;
}

export interface TopScoreQuery {
  kind: string;
  entityKind?: string | undefined;
  tier?: string | undefined;
  dir: "asc" | "desc";
  /** The cursor's (value as text, score id). */
  after: readonly [string, string] | undefined;
  limit: number;
}

/**
 * The tenant's entities ranked by their latest score of `kind` (highest first unless `dir` is asc;
 * ties by score id), read `limit + 1` to tell whether more follow, and how many entities have one.
 */
export async function topScores(
  tx: Tx,
  tenantId: string,
  q: TopScoreQuery,
): Promise<{ rows: TopScoreRow[]; total: number }> {
  const latest = tx`
    SELECT DISTINCT ON (entity_kind, entity_id) id, entity_kind, entity_id, kind, value, probability, tier, reasons,
           model_version, agent, run_id, created_at
    FROM scores
    WHERE tenant_id = ${tenantId} AND kind = ${q.kind}
      AND (${q.entityKind ?? null}::text IS NULL OR entity_kind = ${q.entityKind ?? null})
    ORDER BY entity_kind, entity_id, created_at DESC, id DESC`;
  const tier = q.tier === undefined ? tx`TRUE` : tx`l.tier = ${q.tier}`;
  const desc = q.dir === "desc";
  const after = q.after
    ? desc
      ? tx`(l.value, l.id) < (${q.after[0]}::text::numeric, ${q.after[1]}::uuid)`
      : tx`(l.value, l.id) > (${q.after[0]}::text::numeric, ${q.after[1]}::uuid)`
    : tx`TRUE`;
  const rows = await tx<TopScoreRow[]>`
    SELECT l.id, l.entity_kind, l.entity_id, l.kind, l.value::float8 AS value, l.probability::float8 AS probability,
           l.tier, l.reasons, l.model_version, l.agent, l.run_id, l.created_at AS scored_at, l.value::text AS sort_key,
           coalesce(a.name, d.name, nullif(trim(concat_ws(' ', ld.first_name, ld.last_name)), ''), ld.company,
                    nullif(trim(concat_ws(' ', c.first_name, c.last_name)), ''), k.subject) AS entity_name
    FROM (${latest}) l
    LEFT JOIN accounts a ON l.entity_kind = 'account' AND a.id = l.entity_id
    LEFT JOIN deals d ON l.entity_kind = 'deal' AND d.id = l.entity_id
    LEFT JOIN leads ld ON l.entity_kind = 'lead' AND ld.id = l.entity_id
    LEFT JOIN contacts c ON l.entity_kind = 'contact' AND c.id = l.entity_id
    LEFT JOIN tickets k ON l.entity_kind = 'ticket' AND k.id = l.entity_id
    WHERE ${allOf(tx, [tier, after])}
    ORDER BY ${desc ? tx`l.value DESC, l.id DESC` : tx`l.value ASC, l.id ASC`} LIMIT ${q.limit + 1}`;
  const [count] = await tx<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${latest}) l WHERE ${tier}`;
  return { rows, total: count!.n };
}

/** A score row of an entity's history. */
export interface ScoreHistoryRow extends Omit<CurrentScore, "scored_at"> {
  entity_kind: string;
  entity_id: string;
  created_at: Date;
}

/** Every score of one entity (of any kind of entity unless `entityKind`), newest first, at most `limit`. */
export function entityScoreHistory(
  tx: Tx,
  tenantId: string,
  q: { entityKind?: string | undefined; entityId: string; kind?: string | undefined; limit: number },
): Promise<ScoreHistoryRow[]> {
  return tx<ScoreHistoryRow[]>`
    SELECT id, entity_kind, entity_id, kind, value::float8 AS value, probability::float8 AS probability,
           tier, reasons, model_version, agent, run_id, created_at
    FROM scores
    WHERE tenant_id = ${tenantId} AND entity_id = ${q.entityId}
      AND (${q.entityKind ?? null}::text IS NULL OR entity_kind = ${q.entityKind ?? null})
      AND (${q.kind ?? null}::text IS NULL OR kind = ${q.kind ?? null})
    ORDER BY created_at DESC, id DESC LIMIT ${q.limit}`;
}
