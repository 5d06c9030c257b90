import { Annotation } from "@langchain/langgraph";
import type {
  AttributionReport,
  AudienceCounts,
  AudienceMember,
  Goal,
  MarketingPolicy,
  PlannedAudience,
  PropensityEngine,
  SegmentSummary,
} from "../../agents/marketing/index.ts";
import type { ApprovalAnswer } from "../runtime/index.ts";

/** What a marketing run works on: the whole book, a segment (a goal in the target), or one account. */
export interface MarketingTarget {
  kind: "all" | "segment" | "account";
  id?: string;
}

/** The stored segmentations, as summaries (members live in segment_members). */
export interface SegmentationSummary {
  rfm: { version: string; segments: SegmentSummary[] };
  clusters: {
    version: string;
    k: number;
    silhouette: number;
    tried: { k: number; silhouette: number }[];
    segments: SegmentSummary[];
  };
  accounts: number;
}

/** One built audience: its counts and the members the run drafts for. */
export interface BuiltAudience {
  key: string;
  name: string;
  counts: AudienceCounts;
  members: AudienceMember[];
}

/** A draft the run wrote and a person must decide on. */
export interface MarketingDraft {
  id: string;
  campaign_key: string;
  contact_id: string;
  account_id: string;
  to: string | null;
  variant: "A" | "B";
  subject: string;
  body: string;
  reason: string;
  provider: string;
}

/** How the run ended. */
export interface MarketingOutcome {
  approved: number;
  edited: number;
  rejected: number;
}

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_, next) => next, default: fallback });

/** The marketing graph's state: plain JSON (checkpointed). Every node writes whole fields. */
export const MarketingState = Annotation.Root({
  /** The run's target (from the run's input). */
  target: Annotation<MarketingTarget>,
  /** Goals from the target; null → the tenant's default goals (policy), else DEFAULT_GOALS. */
  goals: replace<Goal[] | null>(() => null),
  /** The instant the run works as of (ISO 8601): the clock at its start, kept across resumes. */
  asOf: replace<string | null>(() => null),
  /** The tenant's policy: defaults with tenants.settings.marketing applied. */
  policy: replace<MarketingPolicy | null>(() => null),
  /** What ranks audiences: the learned response model (its artifact) or the heuristic, and why. */
  engine: replace<PropensityEngine | null>(() => null),
  /** The RFM and cluster segmentations this run stored. */
  segmentation: replace<SegmentationSummary | null>(() => null),
  /** First/last/linear attribution of won deals in the lookback window. */
  attribution: replace<AttributionReport | null>(() => null),
  /** Each goal's audience spec, where it came from (rules or model) and any rejected model spec. */
  planned: replace<PlannedAudience[]>(() => []),
  /** Each audience's counts and ranked members to draft for. */
  audiences: replace<BuiltAudience[]>(() => []),
  /** Propensity scores recorded (one per drafted member and campaign kind). */
  scored: replace<number>(() => 0),
  /** Drafts written by this run, waiting for approval. */
  drafts: replace<MarketingDraft[]>(() => []),
  /** Drafts not written and why (`contact:<id>`: opted out since the audience was read …). */
  skipped: replace<{ entity: string; reason: string }[]>(() => []),
  /** A person's decisions on the drafts (the resume value of the approval interrupt). */
  approval: replace<ApprovalAnswer | null>(() => null),
  /** What the final node recorded. */
  outcome: replace<MarketingOutcome | null>(() => null),
  /** The run's summary as readable lines: segments, audiences with counts, attribution. */
  report: replace<string[]>(() => []),
});

export type MarketingStateType = typeof MarketingState.State;
export type MarketingUpdate = typeof MarketingState.Update;
