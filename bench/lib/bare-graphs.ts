/**
 * The reference of bench/agent-runs.ts: the cs and sales graphs with the same shape (nodes,
 * edges, routing, state) and the same node logic, but every read replaced by facts read once
 * beforehand and every write left out. No checkpointer, no run row, no events: what a graph run
 * costs in LangGraph plus the agents' own computation, with no I/O.
 */
import { randomUUID } from "node:crypto";
import { END, START, StateGraph } from "@langchain/langgraph";
import {
  chooseChurnModel,
  csTool,
  draftBlocker,
  draftBrief,
  draftMessages as csDraftMessages,
  draftSchema as csDraftSchema,
  escalations,
  HEALTH_MODEL_VERSION,
  interventions,
  parseCsPolicy,
  pickRecipient,
  scoreChurn,
  scoreHealth,
  stateLine,
  templateDraft,
  CS_TEMPLATE_VERSION,
  type Assessment,
  type ChurnModelChoice,
  type CsPolicy,
} from "../../agents/cs/index.ts";
import {
  atRisk,
  chooseLeadEngine,
  citedEvidence,
  dealSignals,
  dealTasks,
  draftMessages,
  draftSchema,
  forecastEntries,
  leadDealValue,
  leadExpectedValue,
  leadTasks,
  LEAD_MODEL_NAME,
  mergeForecast,
  offlineDraft,
  planDrafts,
  resolveSalesPolicy,
  round,
  scoreLead,
  TEMPLATES_VERSION,
  winProbability,
  type DealFinding,
  type DealNorms,
  type ForecastRow,
  type LeadEngine,
  type LeadFinding,
  type SalesPolicy,
  type Skip,
  type TaskProposal,
} from "../../agents/sales/index.ts";
import { parseArtifactJson } from "../../agents/scoring/index.ts";
import { afterBatch } from "../../graphs/cs/routes.ts";
import { CsState, type CsDraft, type CsUpdate } from "../../graphs/cs/state.ts";
import { afterDrafts } from "../../graphs/sales/graph.ts";
import { bump, daysBefore, draftsSince } from "../../graphs/sales/scope.ts";
import { SalesState, type DraftRef, type ScoreSummary, type TaskRef } from "../../graphs/sales/state.ts";
import { RunMeter } from "../../models/meter.ts";
import type { ModelGateway } from "../../models/types.ts";
import { runTool, TOOLS, type ToolContext } from "../../tools/index.ts";
import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";

type Page<T> = { items: T[] };
const SCORED_STAGES = ["customer", "onboarding"];
const BUDGET = { maxLlmCalls: 50, maxTokens: 100_000, maxWallMs: 600_000 };
const modelRun = () => ({ runId: null, meter: new RunMeter(BUDGET) });

/** What the cs graph reads, read once: the tenant's policy and churn model, each account's snapshot. */
export interface CsFacts {
  policy: CsPolicy;
  churnModel: ChurnModelChoice;
  pages: Map<string, CsAccountSnapshot[]>;
}

export async function readCsFacts(ctx: ToolContext, asOf: string, accountIds: string[]): Promise<CsFacts> {
  const { cs } = await runTool(csTool("cs_settings"), {}, ctx);
  const policy = parseCsPolicy(cs);
  const stored = await runTool(csTool("active_score_model"), { name: policy.churn.model }, ctx);
  const active = stored
    ? { artifact: parseArtifactJson(stored.artifact), trained_rows: stored.trained_rows }
    : null;
  const pages = new Map<string, CsAccountSnapshot[]>();
  for (const id of accountIds) {
    const read = await runTool(
      csTool("cs_account_signals"),
      { as_of: asOf, limit: policy.pageSize, account_ids: [id] },
      ctx,
    );
    pages.set(id, read.accounts);
  }
  return { policy, churnModel: chooseChurnModel(active, policy), pages };
}

/** The cs graph (graphs/cs/graph.ts) over pre-read facts; approval does not interrupt. */
export function bareCsGraph(facts: CsFacts, models: ModelGateway, now: () => Date) {
  return new StateGraph(CsState)
    .addNode("load_policy", async (state) => ({
      asOf: state.asOf ?? now().toISOString(),
      policy: facts.policy,
      churnModel: facts.churnModel,
    }))
    .addNode("load_page", async (state) => ({ page: facts.pages.get(state.target.id!) ?? [], more: false }))
    .addNode("score", async (state): Promise<CsUpdate> => {
      const { policy, churnModel } = state;
      const assessed: Assessment[] = [];
      const skipped: CsUpdate["skipped"] = [];
      const scores: unknown[] = [];
      for (const snap of state.page) {
        const id = snap.account.id;
        if (!SCORED_STAGES.includes(snap.account.lifecycle_stage)) {
          skipped.push({
            entity: `account:${id}`,
            reason: `not a customer (${snap.account.lifecycle_stage})`,
          });
          continue;
        }
        const health = scoreHealth(snap.signals, snap.health_history, policy);
        const churn = scoreChurn(snap.signals, health, churnModel, policy);
        const atRiskNow = health.tier === "at_risk" || churn.probability >= policy.churn.atRiskProbability;
        scores.push({ ...health, model_version: HEALTH_MODEL_VERSION }, churn);
        assessed.push({ accountId: id, health, churn, atRisk: atRiskNow });
      }
      return {
        assessed,
        skipped,
        totals: {
          accounts: assessed.length,
          scores: 2 * assessed.length,
          atRisk: assessed.filter((a) => a.atRisk).length,
        },
      };
    })
    .addNode("plan", async (state): Promise<CsUpdate> => {
      const now = new Date(state.asOf);
      let tasks = 0;
      for (const a of state.assessed) {
        const snap = state.page.find((p) => p.account.id === a.accountId)!;
        tasks +=
          interventions(snap, a, state.policy, now).length + escalations(snap, a, state.policy, now).length;
      }
      return { totals: { tasks } };
    })
    .addNode("draft", async (state): Promise<CsUpdate> => {
      const now = new Date(state.asOf);
      const drafts: CsDraft[] = [];
      const skipped: CsUpdate["skipped"] = [];
      for (const a of state.assessed.filter((x) => x.atRisk)) {
        const snap = state.page.find((p) => p.account.id === a.accountId)!;
        const blocker = draftBlocker(snap, state.policy, now);
        if (blocker) {
          skipped.push({ entity: `account:${a.accountId}`, reason: `no draft: ${blocker}` });
          continue;
        }
        const recipient = pickRecipient(snap.contacts)!;
        const brief = draftBrief(snap, a, recipient);
        const text = await models.call(
          {
            node: "draft",
            purpose: "cs.at-risk-draft",
            messages: csDraftMessages(brief),
            schema: csDraftSchema,
            knownNames: [brief.contact.fullName],
            offline: () => templateDraft(brief),
            offlineVersion: CS_TEMPLATE_VERSION,
          },
          modelRun(),
        );
        drafts.push({
          id: randomUUID(),
          accountId: a.accountId,
          contactId: recipient.id,
          to: brief.contact.fullName,
          subject: text.value.subject,
          body: text.value.body,
          reason: `${snap.account.name} at risk. ${stateLine(a)}`,
        });
      }
      return { drafts, skipped };
    })
    .addNode("approve", async () => ({ decisions: null }))
    .addNode("finish", async (state) => ({ decisions: state.decisions ?? [] }))
    .addEdge(START, "load_policy")
    .addEdge("load_policy", "load_page")
    .addEdge("load_page", "score")
    .addEdge("score", "plan")
    .addEdge("plan", "draft")
    .addConditionalEdges("draft", afterBatch, ["load_page", "approve", "finish"])
    .addEdge("approve", "finish")
    .addEdge("finish", END)
    .compile();
}

type LeadPageOut = Awaited<ReturnType<typeof TOOLS.sales_open_leads.handler>>;
type DealPageOut = Awaited<ReturnType<typeof TOOLS.sales_open_deals.handler>>;

/** What the sales graph reads, read once: policy, norms, lead engine, each account's lead and deal pages. */
export interface SalesFacts {
  policy: SalesPolicy;
  norms: DealNorms;
  leadEngine: LeadEngine;
  leads: Map<string, Page<LeadPageOut["leads"][number]>[]>;
  deals: Map<string, Page<DealPageOut["deals"][number]>[]>;
}

export async function readSalesFacts(
  ctx: ToolContext,
  asOf: string,
  accountIds: string[],
): Promise<SalesFacts> {
  const { sales } = await runTool(TOOLS.sales_settings, {}, ctx);
  const policy = resolveSalesPolicy(sales);
  const norms = await runTool(TOOLS.sales_stage_norms, {}, ctx);
  const stored =
    policy.lead_engine === "rules"
      ? null
      : await runTool(TOOLS.active_score_model, { name: LEAD_MODEL_NAME }, ctx);
  const leads = new Map<string, Page<LeadPageOut["leads"][number]>[]>();
  const deals = new Map<string, Page<DealPageOut["deals"][number]>[]>();
  for (const id of accountIds) {
    const lp: Page<LeadPageOut["leads"][number]>[] = [];
    let after: string | undefined;
    do {
      const page = await runTool(
        TOOLS.sales_open_leads,
        {
          account_id: id,
          activities_since: daysBefore(asOf, policy.lead_points.lookback_days),
          as_of: asOf,
          drafts_since: draftsSince(asOf, policy),
          limit: policy.page_size,
          ...(after ? { after } : {}),
        },
        ctx,
      );
      lp.push({ items: page.leads });
      after = page.next_after ?? undefined;
    } while (after);
    leads.set(id, lp);
    const dp: Page<DealPageOut["deals"][number]>[] = [];
    do {
      const page = await runTool(
        TOOLS.sales_open_deals,
        {
          account_id: id,
          drafts_since: draftsSince(asOf, policy),
          limit: policy.page_size,
          ...(after ? { after } : {}),
        },
        ctx,
      );
      dp.push({ items: page.deals });
      after = page.next_after ?? undefined;
    } while (after);
    deals.set(id, dp);
  }
  return { policy, norms, leadEngine: chooseLeadEngine(policy, stored), leads, deals };
}

/** The sales graph (graphs/sales/graph.ts) over pre-read facts; approval does not interrupt. */
export function bareSalesGraph(facts: SalesFacts, models: ModelGateway, now: () => Date) {
  return new StateGraph(SalesState)
    .addNode("prepare", async (state) => ({
      asOf: state.asOf ?? now().toISOString(),
      policy: facts.policy,
      norms: facts.norms,
      leadEngine: facts.leadEngine,
      leadDealValue: leadDealValue(facts.norms.won, facts.policy.lead_deal_value),
    }))
    .addNode("score_leads", async (state) => {
      const asOf = state.asOf!;
      const summary: ScoreSummary = { scored: 0, tiers: {}, models: {} };
      const hotLeads: LeadFinding[] = [];
      for (const page of facts.leads.get(state.target.id!) ?? []) {
        for (const lead of page.items) {
          const score = scoreLead(lead, state.leadEngine!, state.policy!, new Date(asOf));
          summary.scored += 1;
          bump(summary.tiers, score.tier);
          bump(summary.models, score.model_version);
          if (score.tier === "hot")
            hotLeads.push({ lead, score, expectedValue: leadExpectedValue(score, state.leadDealValue) });
        }
      }
      return { leadSummary: summary, hotLeads, skipped: [] };
    })
    .addNode("score_deals", async (state) => {
      const asOf = new Date(state.asOf!);
      const summary: ScoreSummary = { scored: 0, tiers: {}, models: {} };
      const riskyDeals: DealFinding[] = [];
      let forecast: ForecastRow[] = [];
      for (const page of facts.deals.get(state.target.id!) ?? []) {
        const entries: ForecastRow[] = [];
        for (const deal of page.items) {
          const signals = dealSignals(deal, state.norms!, state.policy!, asOf);
          const win = winProbability(deal, signals, state.norms!, state.policy!);
          summary.scored += 1;
          bump(summary.tiers, win.tier);
          bump(summary.models, win.model_version);
          entries.push(...forecastEntries(deal, win.probability, asOf));
          if (atRisk(signals))
            riskyDeals.push({
              deal,
              signals,
              win,
              expectedValue: round((deal.amount ?? 0) * win.probability),
            });
        }
        forecast = mergeForecast([...forecast, ...entries]);
      }
      return { dealSummary: summary, riskyDeals, forecast, skipped: [] };
    })
    .addNode("propose_tasks", async (state) => {
      const asOf = new Date(state.asOf!);
      const proposals: TaskProposal[] = [];
      const skipped: Skip[] = [];
      for (const finding of state.hotLeads) {
        const { tasks, skips } = leadTasks(finding, asOf);
        proposals.push(...tasks);
        skipped.push(...skips);
      }
      for (const finding of state.riskyDeals) proposals.push(...dealTasks(finding, asOf));
      const tasks: TaskRef[] = proposals.map((p) => ({
        id: randomUUID(),
        created: true,
        type: p.type,
        entity_kind: p.entity_kind,
        entity_id: p.entity_id,
        priority_value: p.priority_value,
      }));
      return { tasks, skipped };
    })
    .addNode("write_drafts", async (state) => {
      const asOf = new Date(state.asOf!);
      const stalled = state.riskyDeals.filter((d) => d.signals.stagnating);
      const { plans, skips } = planDrafts(state.hotLeads, stalled, state.policy!, asOf);
      const drafts: DraftRef[] = [];
      for (const plan of plans) {
        const result = await models.call(
          {
            node: "write_drafts",
            purpose: `sales.${plan.template}-draft`,
            messages: draftMessages(plan),
            schema: draftSchema,
            knownNames: [plan.recipient.name, ...(plan.sender ? [plan.sender] : [])],
            offline: () => offlineDraft(plan),
            offlineVersion: TEMPLATES_VERSION,
          },
          modelRun(),
        );
        const draft = { ...result.value, evidence_ids: citedEvidence(plan, result.value.evidence_ids) };
        drafts.push({
          id: randomUUID(),
          about: plan.about,
          to: plan.recipient.email,
          subject: draft.subject,
          body: draft.body,
          reason: plan.reason,
          evidence_ids: draft.evidence_ids,
          provider: result.label,
          expectedValue: plan.expectedValue,
          ownerId: plan.ownerId,
        });
      }
      return { drafts, skipped: skips };
    })
    .addNode("await_approval", async () => ({ approval: null }))
    .addNode("finish", async () => ({ outcome: { approved: 0, edited: 0, rejected: 0, followUps: [] } }))
    .addEdge(START, "prepare")
    .addEdge("prepare", "score_leads")
    .addEdge("score_leads", "score_deals")
    .addEdge("score_deals", "propose_tasks")
    .addEdge("propose_tasks", "write_drafts")
    .addConditionalEdges("write_drafts", afterDrafts, ["await_approval", "finish"])
    .addEdge("await_approval", "finish")
    .addEdge("finish", END)
    .compile();
}
