// The sales-intelligence agent's domain: policies, scoring engines, deal signals, forecast,
// next-best actions and outreach drafts. Pure functions over facts the graph reads through tools/.
export {
  salesSettingsSchema,
  leadPointsSchema,
  resolveSalesPolicy,
  DEFAULT_POLICY,
  DEFAULT_STAGE_WIN,
} from "./policy.ts";
export type { SalesPolicy, LeadPoints } from "./policy.ts";
export { SalesError, SalesSettingsError, SalesTargetError } from "./errors.ts";
export { SALES_TOOLS } from "./tools.ts";
export type { SalesToolName } from "./tools.ts";
export type { ActivityFact, DealContactFact, DealFacts, DealNorms, LeadFacts, ScoreReason } from "./facts.ts";
export { DAY_MS, daysBetween, personName } from "./facts.ts";
export { leadTier, winTier, round } from "./tiers.ts";
export type { LeadTier, WinTier } from "./tiers.ts";
export { scoreLeadByRules, rulesVersion, LEAD_RULES_VERSION } from "./lead-rules.ts";
export type { LeadScore } from "./lead-rules.ts";
export { scoreLeadLearned, leadRecord, LEARNED_TOP_FACTORS } from "./lead-learned.ts";
export { chooseLeadEngine, scoreLead, LEAD_MODEL_NAME } from "./lead-engine.ts";
export type { LeadEngine, StoredModel } from "./lead-engine.ts";
export { dealSignals, stageNorm, atRisk } from "./deal-signals.ts";
export type { DealSignals, StageNorm } from "./deal-signals.ts";
export { winProbability, WIN_HISTORY_VERSION, WIN_STAGE_VERSION } from "./win.ts";
export type { WinEstimate } from "./win.ts";
export { forecastEntries, forecastPeriods, mergeForecast, formatForecast } from "./forecast.ts";
export type { ForecastRow } from "./forecast.ts";
export { leadExpectedValue, leadDealValue, evidenceOf } from "./findings.ts";
export type { DealFinding, LeadFinding } from "./findings.ts";
export { leadTasks, dealTasks, dedupeKey, owner, TASK_TYPES } from "./actions.ts";
export type { Skip, TaskProposal } from "./actions.ts";
export { leadBlocked, contactBlocked, dealRecipient } from "./consent.ts";
export { planDrafts } from "./outreach.ts";
export type { DraftFact, DraftPlan } from "./outreach.ts";
export { draftMessages, draftSchema, citedEvidence, TEMPLATES_VERSION } from "./prompts.ts";
export type { DraftText } from "./prompts.ts";
export { offlineDraft } from "./templates.ts";
