import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  clusterSegmentation,
  rfmSegmentation,
  summarise,
  type AccountFeatures,
  type Segmentation,
} from "../../../agents/marketing/index.ts";
import { runTool, type ToolContext } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { eachPage, marketingTool, prepared } from "../scope.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/** Accounts read per page. */
const PAGE = 2000;

/**
 * Segments the whole book: reads every account's features page by page, scores RFM and clusters
 * behaviour (k-means), and stores both segmentations, replacing the previous membership. Always the
 * whole book, whatever the target: quintiles and clusters are relative to every account.
 */
export const segment =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "segment");
    const policy = prepared(state.policy, "policy");
    const asOf = prepared(state.asOf, "asOf");
    const accounts: AccountFeatures[] = [];
    await eachPage(
      (after) =>
        runTool(
          marketingTool("marketing_account_features"),
          { as_of: asOf, window_days: policy.rfm_window_days, limit: PAGE, ...(after ? { after } : {}) },
          ctx,
        ),
      (page) => accounts.push(...page.accounts),
    );
    const rfm = rfmSegmentation(accounts, new Date(asOf), policy);
    const { segmentation: clusters, result } = clusterSegmentation(accounts, new Date(asOf), policy);
    await save(ctx, rfm);
    await save(ctx, clusters);
    return {
      segmentation: {
        accounts: accounts.length,
        rfm: { version: rfm.version, segments: summarise(rfm) },
        clusters: {
          version: clusters.version,
          k: result.k,
          silhouette: result.silhouette,
          tried: result.tried,
          segments: summarise(clusters),
        },
      },
    };
  };

const save = (ctx: ToolContext, s: Segmentation) =>
  runTool(
    marketingTool("marketing_save_segments"),
    { kind: s.kind, version: s.version, segments: s.segments },
    ctx,
  );
