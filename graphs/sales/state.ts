import { Annotation } from "@langchain/langgraph";
import type {
  DealFinding,
  DealNorms,
  ForecastRow,
  LeadEngine,
  LeadFinding,
  SalesPolicy,
  Skip,
} from "../../agents/sales/index.ts";
import type { ApprovalAnswer } from "../runtime/index.ts";

/** What a sales run works on: one lead, one deal, one account's leads and deals, or every open one. */
export interface SalesTarget {
  kind: "lead" | "deal" | "account" | "all";
  id?: string;
}

/** Counts of what a scoring node did. */
export interface ScoreSummary {
  scored: number;
  /** Per tier (hot/warm/cold for leads, commit/best_case/pipeline for deals). */
  tiers: Record<string, number>;
  /** Per model version (rules, a learned artifact, a fallback …). */
  models: Record<string, number>;
}

/** A task the run proposed (created, or an open one updated). */
export interface TaskRef {
  id: string;
  type: string;
  entity_kind: "lead" | "deal";
  entity_id: string;
  created: boolean;
  priority_value: number;
}

/** A draft the run wrote and waits on a person for. */
export interface DraftRef {
  id: string;
  about: { kind: "lead" | "deal"; id: string };
  to: string | null;
  subject: string;
  body: string;
  reason: string;
  evidence_ids: string[];
  provider: string;
  expectedValue: number;
  /** The rep who owns what the draft is about. */
  ownerId: string | null;
}

/** How the run ended: decisions applied and follow-ups proposed. */
export interface SalesOutcome {
  approved: number;
  edited: number;
  rejected: number;
  followUps: string[];
}

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_, next) => next, default: fallback });
const skipKey = (s: Skip) => `${s.what}:${s.entity_kind}:${s.entity_id}`;

/** The sales graph's state. Every node writes whole fields; `skipped` merges by (what, entity). */
export const SalesState = Annotation.Root({
  /** The run's target (from the run's input). */
  target: Annotation<SalesTarget>,
  /** The instant the run scores as of: the clock when it started, kept so a resumed run computes the same. */
  asOf: replace<string | null>(() => null),
  /** The tenant's sales policy: defaults overlaid with tenants.settings.sales. */
  policy: replace<SalesPolicy | null>(() => null),
  /** The lead engine of this run: the tenant's learned model, or the rules (and why). */
  leadEngine: replace<LeadEngine | null>(() => null),
  /** The tenant's stage durations, stage win rates and won-deal values. */
  norms: replace<DealNorms | null>(() => null),
  /** What a converted lead is worth, for expected values. */
  leadDealValue: replace<number>(() => 0),
  /** Leads scored hot, with their facts: the ones tasks and drafts are for. */
  hotLeads: replace<LeadFinding[]>(() => []),
  /** What lead scoring did: leads scored, per tier and per model version. */
  leadSummary: replace<ScoreSummary | null>(() => null),
  /** Open deals with at least one risk signal, with their signals and win estimate. */
  riskyDeals: replace<DealFinding[]>(() => []),
  /** What deal review did: deals scored, per forecast tier and per model version. */
  dealSummary: replace<ScoreSummary | null>(() => null),
  /** Pipeline forecast per rep, per month and quarter: Σ amount and Σ amount × P(win). */
  forecast: replace<ForecastRow[]>(() => []),
  /** Tasks proposed by this run. */
  tasks: replace<TaskRef[]>(() => []),
  /** Drafts written by this run, waiting for approval. */
  drafts: replace<DraftRef[]>(() => []),
  /** What the run did not do and why (opted out, not open, cooldown, over the draft cap …). */
  skipped: Annotation<Skip[]>({
    reducer: (current, next) => {
      const merged = new Map(current.map((s) => [skipKey(s), s]));
      for (const s of next) merged.set(skipKey(s), s);
      return [...merged.values()];
    },
    default: () => [],
  }),
  /** A person's decisions on the drafts (the resume value of the approval interrupt). */
  approval: replace<ApprovalAnswer | null>(() => null),
  /** What the final node recorded. */
  outcome: replace<SalesOutcome | null>(() => null),
});

export type SalesStateType = typeof SalesState.State;
export type SalesUpdate = typeof SalesState.Update;
