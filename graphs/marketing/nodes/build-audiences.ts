import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { AudienceBuilder, scorePropensity, type PlannedAudience } from "../../../agents/marketing/index.ts";
import { runTool, type ToolContext } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { daysBefore, eachPage, marketingTool, prepared } from "../scope.ts";
import type { BuiltAudience, MarketingStateType, MarketingTarget, MarketingUpdate } from "../state.ts";

/** Contacts read per page. */
const PAGE = 1000;

/**
 * Builds every planned audience in turn, page by page: counts who is excluded (consent and
 * opt-outs, no email, already drafted for the campaign, frequency cap), scores the rest with the
 * propensity engine and keeps the most likely responders up to the per-audience draft limit. The
 * frequency cap holds within the run: a contact drafted in one audience counts against the cap in
 * the next.
 */
export const buildAudiences =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "build_audiences");
    const policy = prepared(state.policy, "policy");
    const engine = prepared(state.engine, "engine");
    const asOf = prepared(state.asOf, "asOf");
    const planned = new Map<string, number>();
    const audiences: BuiltAudience[] = [];
    for (const audience of state.planned) {
      const kind = audience.spec.campaign_kind;
      const builder = new AudienceBuilder(
        audience.key,
        policy.frequency_cap.max_drafts,
        policy.max_drafts_per_audience,
        planned,
        (c) => scorePropensity(engine, c.facts, kind, new Date(asOf)),
      );
      const capSince = daysBefore(asOf, policy.frequency_cap.window_days);
      await eachPage(
        (after) => readPage(ctx, audience, state.target, asOf, capSince, after),
        (page) => builder.add(page.contacts),
      );
      const members = builder.members();
      for (const m of members)
        planned.set(m.contact.contact_id, (planned.get(m.contact.contact_id) ?? 0) + 1);
      audiences.push({ key: audience.key, name: audience.name, counts: builder.counts, members });
    }
    return { audiences };
  };

function readPage(
  ctx: ToolContext,
  audience: PlannedAudience,
  target: MarketingTarget,
  asOf: string,
  capSince: string,
  after: string | undefined,
) {
  const { spec } = audience;
  return runTool(
    marketingTool("marketing_audience"),
    {
      filter: spec.filter,
      ...(target.kind === "account" ? { account_ids: [target.id] } : {}),
      ...(spec.rfm_segments?.length ? { segment_keys: spec.rfm_segments.map((g) => `rfm:${g}`) } : {}),
      ...(spec.inactive_days ? { inactive_days: spec.inactive_days } : {}),
      ...(spec.contact_roles?.length ? { contact_roles: spec.contact_roles } : {}),
      campaign_key: audience.key,
      as_of: asOf,
      cap_since: capSince,
      limit: PAGE,
      ...(after ? { after } : {}),
    },
    ctx,
  );
}
