import type { PlanProposal } from "../../../agents/planner/index.ts";
import {
  atRisk,
  chooseLeadEngine,
  dealSignals,
  dealTasks,
  leadDealValue,
  leadExpectedValue,
  leadTasks,
  LEAD_MODEL_NAME,
  resolveSalesPolicy,
  round,
  scoreLead,
  winProbability,
  type TaskProposal,
} from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { oncePerPlan } from "./once-per-plan.ts";
import type { ProposalSource } from "./types.ts";

const CHUNK = 1000;
const DAY_MS = 86_400_000;
const daysBefore = (asOf: Date, days: number) => new Date(asOf.getTime() - days * DAY_MS).toISOString();
const chunks = <T>(xs: T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The sales agent's proposal step over a batch: its open leads scored with the tenant's lead
 * engine (hot ones get a call), and its open deals reviewed against the tenant's stage norms
 * (risky ones get re-engage / add a stakeholder / agree a next step) — the same functions as
 * graphs/sales, with batched reads by id.
 */
export const salesSource: ProposalSource = {
  name: "sales",
  async propose(ctx, slice, asOf) {
    const { lead_ids, deal_ids } = await runTool(
      TOOLS.planner_batch_entities,
      { account_ids: slice.accountIds, lead_ids: slice.leadIds },
      ctx,
    );
    if (lead_ids.length + deal_ids.length === 0) return [];
    const { policy, norms, engine, dealValue } = await oncePerPlan(ctx, asOf, "sales", async () => {
      const { sales } = await runTool(TOOLS.sales_settings, {}, ctx);
      const policy = resolveSalesPolicy(sales);
      const norms = await runTool(TOOLS.sales_stage_norms, {}, ctx);
      const stored =
        policy.lead_engine === "rules"
          ? null
          : await runTool(TOOLS.active_score_model, { name: LEAD_MODEL_NAME }, ctx);
      const engine = chooseLeadEngine(policy, stored);
      return { policy, norms, engine, dealValue: leadDealValue(norms.won, policy.lead_deal_value) };
    });
    const at = asOf.toISOString();
    const out: TaskProposal[] = [];
    for (const ids of chunks(lead_ids)) {
      const page = await runTool(
        TOOLS.sales_open_leads,
        {
          lead_ids: ids,
          activities_since: daysBefore(asOf, policy.lead_points.lookback_days),
          as_of: at,
          drafts_since: daysBefore(asOf, policy.draft_cooldown_days),
          limit: CHUNK,
        },
        ctx,
      );
      for (const lead of page.leads) {
        const score = scoreLead(lead, engine, policy, asOf);
        if (score.tier !== "hot") continue;
        out.push(
          ...leadTasks({ lead, score, expectedValue: leadExpectedValue(score, dealValue) }, asOf).tasks,
        );
      }
    }
    for (const ids of chunks(deal_ids)) {
      const page = await runTool(
        TOOLS.sales_open_deals,
        { deal_ids: ids, drafts_since: daysBefore(asOf, policy.draft_cooldown_days), limit: CHUNK },
        ctx,
      );
      for (const deal of page.deals) {
        const signals = dealSignals(deal, norms, policy, asOf);
        if (!atRisk(signals)) continue;
        const win = winProbability(deal, signals, norms, policy);
        out.push(
          ...dealTasks(
            { deal, signals, win, expectedValue: round((deal.amount ?? 0) * win.probability) },
            asOf,
          ),
        );
      }
    }
    return out.map((p): PlanProposal => ({
      source: "sales",
      type: p.type,
      title: p.title,
      reason: p.reason,
      entity_kind: p.entity_kind,
      entity_id: p.entity_id,
      priority_value: p.priority_value,
      estimated_minutes: p.estimated_minutes,
      required_skill: null,
      due_at: p.due_at,
      owner_id: p.assignee_id ?? null,
      evidence_ids: p.evidence_ids,
      dedupe_key: p.dedupe_key,
    }));
  },
};
