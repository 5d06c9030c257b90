import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

const input = z.object({});

/** How long the tenant's deals stay in a stage they have left. */
export interface StageDuration {
  stage: string;
  samples: number;
  median_days: number;
  p75_days: number;
}
/** Closed deals that passed through a stage, by result. */
export interface StageOutcome {
  stage: string;
  won: number;
  lost: number;
}

/**
 * The tenant's own deal norms from its history: per stage, the median and 75th percentile of
 * days spent in it (completed stays only), the won/lost counts of closed deals that passed
 * through it, and the count and mean amount of won deals.
 */
export const salesStageNorms = defineTool({
  name: "sales_stage_norms",
  description:
    "The tenant's deal norms: per stage the median and p75 days deals stayed in it (completed stays), " +
    "won and lost counts of closed deals that reached it, and the number and mean amount of won deals.",
  kind: "read",
  input,
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const durations = await tx<StageDuration[]>`
        SELECT stage, count(*)::int AS samples,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS median_days,
               percentile_cont(0.75) WITHIN GROUP (ORDER BY days)::float8 AS p75_days
        FROM (SELECT stage, extract(epoch FROM exited_at - entered_at) / 86400 AS days
              FROM deal_stage_history
              WHERE tenant_id = ${t} AND exited_at IS NOT NULL AND stage NOT LIKE 'closed%') stays
        GROUP BY stage ORDER BY stage`;
      const outcomes = await tx<StageOutcome[]>`
        SELECT h.stage, count(DISTINCT h.deal_id) FILTER (WHERE d.status = 'won')::int AS won,
               count(DISTINCT h.deal_id) FILTER (WHERE d.status = 'lost')::int AS lost
        FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
        WHERE h.tenant_id = ${t} AND d.status IN ('won', 'lost') AND h.stage NOT LIKE 'closed%'
        GROUP BY h.stage ORDER BY h.stage`;
      const [won] = await tx<{ count: number; mean_amount: number | null }[]>`
        SELECT count(*)::int AS count, avg(amount)::float8 AS mean_amount
        FROM deals WHERE tenant_id = ${t} AND status = 'won'`;
      return { durations, outcomes, won: won! };
    }),
});
