// The marketing agent's domain: segmentation (RFM, behavioural clusters), audiences from goals,
// response propensity, personalised A/B drafts and attribution. Pure functions over facts the graph
// reads through tools/.
export { MarketingError, MarketingSettingsError, MarketingTargetError } from "./errors.ts";
export {
  CAMPAIGN_KINDS,
  ACCOUNT_SEGMENTS,
  LIFECYCLE_STAGES,
  CONTACT_ROLES,
  RFM_SEGMENTS,
  DEFAULT_GOALS,
  goalSchema,
  parseGoal,
  goalFromText,
  campaignKey,
  goalName,
} from "./goals.ts";
export type { Goal, CampaignKind, RfmSegment } from "./goals.ts";
export { marketingSettingsSchema, resolveMarketingPolicy } from "./policy.ts";
export type { MarketingPolicy } from "./policy.ts";
export { DAY_MS, daysSince, personName } from "./facts.ts";
export type { AccountFeatures, AudienceContact, ResponseFacts } from "./facts.ts";
export { RFM_VERSION, RFM_DESCRIPTIONS, rfmValues, quintileScores, rfmSegment, scoreRfm } from "./rfm.ts";
export type { RfmValues, RfmResult } from "./rfm.ts";
export { BEHAVIOUR_FEATURES, behaviourMatrix, standardise } from "./behaviour.ts";
export { chooseClustering, meanSilhouette, sampleIndices } from "./kmeans.ts";
export type { Clustering, KChoice } from "./kmeans.ts";
export { CLUSTERS_VERSION, DESCRIBE_MIN_Z, clusterAccounts, describe } from "./clusters.ts";
export type { Cluster, ClusterResult } from "./clusters.ts";
export { rfmSegmentation, clusterSegmentation, summarise } from "./segments.ts";
export type { Segmentation, SegmentPayload, SegmentSummary } from "./segments.ts";
export { audienceSpecSchema, specFromGoal } from "./audience-spec.ts";
export type { AudienceSpec, RuledSpec } from "./audience-spec.ts";
export { checkAudienceSpec } from "./spec-check.ts";
export { AUDIENCE_RULES_VERSION, audienceMessages, ruledPlan, modelPlan } from "./plan.ts";
export type { PlannedAudience } from "./plan.ts";
export { HEURISTIC_VERSION, baseRate, heuristicPropensity } from "./heuristic.ts";
export type { KindRates } from "./heuristic.ts";
export { RESPONSE_MODEL_NAME, chooseEngine, scorePropensity, tierOf } from "./propensity.ts";
export type { Propensity, PropensityEngine } from "./propensity.ts";
export { AudienceBuilder, exclusionOf } from "./audience.ts";
export type { AudienceCounts, AudienceMember, Exclusion } from "./audience.ts";
export { VARIANTS, VARIANT_ANGLES, variantOf } from "./variants.ts";
export type { Variant } from "./variants.ts";
export {
  TEMPLATES_VERSION,
  PLACEHOLDERS,
  templateSchema,
  offlineTemplate,
  unknownPlaceholders,
  ctaOf,
} from "./templates.ts";
export type { MessageTemplate } from "./templates.ts";
export { SEGMENT_NOTES, personalise, templateMessages, topicOf } from "./personalise.ts";
export type { MemberDraft } from "./personalise.ts";
export { AttributionLedger, formatAttribution } from "./attribution.ts";
export type { AttributionReport, CampaignCredit, Touch, WonDeal } from "./attribution.ts";
export { MARKETING_TOOLS } from "./tools.ts";
