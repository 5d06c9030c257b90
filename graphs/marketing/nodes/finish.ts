import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { marketingTool } from "../scope.ts";
import type { MarketingOutcome, MarketingStateType, MarketingUpdate } from "../state.ts";
import { summaryLines } from "../summary.ts";

/**
 * Records how the run ended: the decisions per draft, and one summary audit entry with the
 * segmentations, every audience's counts, the propensity engine, the attribution and the report.
 */
export const finish =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "finish");
    const outcome: MarketingOutcome = { approved: 0, edited: 0, rejected: 0 };
    for (const d of state.approval?.decisions ?? []) {
      if (d.status === "rejected") outcome.rejected += 1;
      else outcome[d.decision === "edit" ? "edited" : "approved"] += 1;
    }
    const report = summaryLines({ ...state, outcome });
    await runTool(
      marketingTool("append_audit"),
      {
        action: "marketing.run_completed",
        details: {
          target: state.target,
          segmentation: state.segmentation,
          audiences: state.audiences.map((a) => ({ key: a.key, name: a.name, counts: a.counts })),
          specs: state.planned.map((p) => ({
            key: p.key,
            source: p.source,
            spec: p.spec,
            rejected: p.rejected,
          })),
          engine:
            state.engine?.kind === "learned"
              ? state.engine.artifact.version
              : (state.engine?.fallback ?? "heuristic"),
          drafts: state.drafts.length,
          decisions: outcome,
          skipped: state.skipped,
          attribution: state.attribution,
          report,
        },
      },
      ctx,
    );
    return { outcome, report };
  };
