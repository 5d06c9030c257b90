// The support agent's domain: triage, routing, SLA risk, KB replies, escalation, policy. No I/O.
export { parseSupportPolicy, supportPolicySchema } from "./policy.ts";
export type { SupportPolicy, SupportPolicyInput } from "./policy.ts";
export { SupportPolicyError, SupportTargetError, TriageModelError } from "./errors.ts";
export { SUPPORT_TOOLS, SUPPORT_MODEL_TOOLS, supportTool } from "./tools.ts";
export type { SupportToolName } from "./tools.ts";
export {
  TRIAGE_MODEL_FORMAT,
  loadTriageModel,
  parseTriageModel,
  trainTriageModel,
  trainingBlocker,
  triageMetrics,
} from "./triage-model.ts";
export type { LabelledTicketRow, LoadedTriageModel, TriageModel } from "./triage-model.ts";
export { ticketText, triageTicket } from "./triage.ts";
export type { Triage } from "./triage.ts";
export { detectLanguage } from "./language.ts";
export { detectSentiment, SENTIMENT_VERSION } from "./sentiment.ts";
export { decidePriority, PRIORITIES } from "./priority.ts";
export { availableFor, inWorkingHours, neededSkills, openLimit, routeTicket } from "./routing.ts";
export type { RosterPerson, RouteDecision } from "./routing.ts";
export { fitSlaModel, SLA_FEATURES, SLA_TARGETS } from "./sla-model.ts";
export type { SlaHistoryRow, SlaModel, SlaTarget } from "./sla-model.ts";
export { slaRisks, slaTasks } from "./sla.ts";
export type { SlaRisk, SlaTicket } from "./sla.ts";
export {
  articleEvidence,
  groundingArticles,
  replyEvidence,
  SUPPORT_TEMPLATE_VERSION,
  templateReply,
} from "./kb-reply.ts";
export type { ReplyBrief, RetrievedArticle } from "./kb-reply.ts";
export { replyMessages } from "./prompts.ts";
export { checkModelToolCall } from "./guard.ts";
export type { GuardScope, GuardVerdict } from "./guard.ts";
export { accountRisk, csEscalation, escalationSummary, personEscalation } from "./escalation.ts";
export type { EscalationTicket } from "./escalation.ts";
export type { SupportTask } from "./tasks.ts";
