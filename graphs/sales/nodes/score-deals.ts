import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  atRisk,
  dealSignals,
  forecastEntries,
  mergeForecast,
  round,
  winProbability,
  type DealFinding,
  type ForecastRow,
  type Skip,
} from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { bump, dealFilter, draftsSince, prepared } from "../scope.ts";
import type { SalesStateType, ScoreSummary, SalesUpdate } from "../state.ts";

/**
 * Reviews the target's open deals page by page: risk signals against the tenant's stage norms,
 * win probability (recorded as score kind `win`), and the pipeline forecast per rep and period.
 * Keeps the deals with a risk signal for tasks and drafts.
 */
export const scoreDeals =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const filter = dealFilter(state.target);
    if (!filter) return {};
    const ctx = toolContext(deps, config, "score_deals");
    const policy = prepared(state.policy, "policy");
    const norms = prepared(state.norms, "norms");
    const asOfText = prepared(state.asOf, "asOf");
    const asOf = new Date(asOfText);
    const summary: ScoreSummary = { scored: 0, tiers: {}, models: {} };
    const riskyDeals: DealFinding[] = [];
    let forecast: ForecastRow[] = [];
    let after: string | undefined;
    do {
      const page = await runTool(
        TOOLS.sales_open_deals,
        {
          ...filter,
          drafts_since: draftsSince(asOfText, policy),
          limit: policy.page_size,
          ...(after ? { after } : {}),
        },
        ctx,
      );
      const entries: ForecastRow[] = [];
      for (const deal of page.deals) {
        const signals = dealSignals(deal, norms, policy, asOf);
        const win = winProbability(deal, signals, norms, policy);
        await runTool(
          TOOLS.record_score,
          {
            entity_kind: "deal",
            entity_id: deal.id,
            kind: "win",
            value: win.value,
            probability: win.probability,
            tier: win.tier,
            reasons: win.reasons,
            model_version: win.model_version,
          },
          ctx,
        );
        summary.scored += 1;
        bump(summary.tiers, win.tier);
        bump(summary.models, win.model_version);
        entries.push(...forecastEntries(deal, win.probability, asOf));
        if (atRisk(signals))
          riskyDeals.push({ deal, signals, win, expectedValue: round((deal.amount ?? 0) * win.probability) });
      }
      forecast = mergeForecast([...forecast, ...entries]);
      after = page.next_after ?? undefined;
    } while (after);
    const skipped: Skip[] =
      state.target.kind === "deal" && summary.scored === 0
        ? [
            {
              what: "score",
              entity_kind: "deal",
              entity_id: state.target.id!,
              reason: "not an open deal of this tenant",
            },
          ]
        : [];
    return { dealSummary: summary, riskyDeals, forecast, skipped };
  };
