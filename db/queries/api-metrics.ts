import type { Sql } from "../store.ts";

/**
 * Aggregates across every tenant for Prometheus, read at scrape time (system work: no tenant,
 * no ids in the answer, only agents and statuses).
 */

export async function runsByAgentAndStatus(
  sql: Sql,
): Promise<{ agent: string; status: string; runs: number }[]> {
  return sql<{ agent: string; status: string; runs: number }[]>`
    SELECT agent, status, count(*)::int AS runs FROM agent_runs GROUP BY agent, status ORDER BY agent, status`;
}

export interface DurationHistogram {
  agent: string;
  /** Cumulative counts, one per bucket bound (same order as the bounds asked for). */
  buckets: number[];
  count: number;
  sum: number;
}

/** Wall-clock durations (start to finish) of finished runs per agent, bucketed in SQL. */
export async function runDurations(sql: Sql, bounds: number[]): Promise<DurationHistogram[]> {
  return sql<DurationHistogram[]>`
    WITH d AS (
      SELECT agent, extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM agent_runs
      WHERE finished_at IS NOT NULL AND started_at IS NOT NULL
    ), per_bound AS (
      SELECT agent, i, count(*) FILTER (WHERE seconds <= le)::int AS le_count,
             count(*)::int AS n, coalesce(sum(seconds), 0)::float8 AS total
      FROM d CROSS JOIN unnest(${bounds}::float8[]) WITH ORDINALITY AS u(le, i)
      GROUP BY agent, i
    )
    SELECT agent, array_agg(le_count ORDER BY i) AS buckets, max(n) AS count, max(total) AS sum
    FROM per_bound GROUP BY agent ORDER BY agent`;
}

/** Model usage summed over every run, per agent (calls, tokens in and out). */
export async function llmUsageByAgent(
  sql: Sql,
): Promise<{ agent: string; calls: number; input_tokens: number; output_tokens: number }[]> {
  return sql<{ agent: string; calls: number; input_tokens: number; output_tokens: number }[]>`
    SELECT agent,
           coalesce(sum((usage->'total'->>'calls')::bigint), 0)::float8 AS calls,
           coalesce(sum((usage->'total'->>'inputTokens')::bigint), 0)::float8 AS input_tokens,
           coalesce(sum((usage->'total'->>'outputTokens')::bigint), 0)::float8 AS output_tokens
    FROM agent_runs GROUP BY agent ORDER BY agent`;
}
