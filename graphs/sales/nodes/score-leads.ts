import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { leadExpectedValue, scoreLead, type LeadFinding, type Skip } from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { bump, daysBefore, draftsSince, leadFilter, prepared } from "../scope.ts";
import type { SalesStateType, ScoreSummary, SalesUpdate } from "../state.ts";

/**
 * Scores the target's open leads page by page (one batch read per page) with the run's engine
 * and records each score (kind `lead`). Keeps the hot ones, with their facts, for tasks and drafts.
 */
export const scoreLeads =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const filter = leadFilter(state.target);
    if (!filter) return {};
    const ctx = toolContext(deps, config, "score_leads");
    const policy = prepared(state.policy, "policy");
    const engine = prepared(state.leadEngine, "leadEngine");
    const asOf = prepared(state.asOf, "asOf");
    const summary: ScoreSummary = { scored: 0, tiers: {}, models: {} };
    const hotLeads: LeadFinding[] = [];
    let after: string | undefined;
    do {
      const page = await runTool(
        TOOLS.sales_open_leads,
        {
          ...filter,
          activities_since: daysBefore(asOf, policy.lead_points.lookback_days),
          as_of: asOf,
          drafts_since: draftsSince(asOf, policy),
          limit: policy.page_size,
          ...(after ? { after } : {}),
        },
        ctx,
      );
      for (const lead of page.leads) {
        const score = scoreLead(lead, engine, policy, new Date(asOf));
        await runTool(
          TOOLS.record_score,
          {
            entity_kind: "lead",
            entity_id: lead.id,
            kind: "lead",
            value: score.value,
            ...(score.probability === null ? {} : { probability: score.probability }),
            tier: score.tier,
            reasons: score.reasons,
            model_version: score.model_version,
          },
          ctx,
        );
        summary.scored += 1;
        bump(summary.tiers, score.tier);
        bump(summary.models, score.model_version);
        if (score.tier === "hot")
          hotLeads.push({ lead, score, expectedValue: leadExpectedValue(score, state.leadDealValue) });
      }
      after = page.next_after ?? undefined;
    } while (after);
    const skipped: Skip[] =
      state.target.kind === "lead" && summary.scored === 0
        ? [
            {
              what: "score",
              entity_kind: "lead",
              entity_id: state.target.id!,
              reason: "not an open lead of this tenant",
            },
          ]
        : [];
    return { leadSummary: summary, hotLeads, skipped };
  };
