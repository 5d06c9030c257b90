import type { z } from "zod";
import { ToolNotAllowedError } from "./errors.ts";
import { account360 } from "./reads/account-360.ts";
import { dealTimeline } from "./reads/deal-timeline.ts";
import { leadProfile } from "./reads/lead-profile.ts";
import { searchEntities } from "./reads/search-entities.ts";
import { activeScoreModelTool } from "./reads/score-model.ts";
import { segmentQuery } from "./reads/segment-query.ts";
import { semanticSearch } from "./reads/semantic-search.ts";
import { ticketWithHistory } from "./reads/ticket-history.ts";
import { marketingAccountFeatures } from "./reads/marketing-account-features.ts";
import { marketingAttribution } from "./reads/marketing-attribution.ts";
import { marketingAudience } from "./reads/marketing-audience.ts";
import { marketingResponseRates } from "./reads/marketing-response-rates.ts";
import { marketingSettings } from "./reads/marketing-settings.ts";
import { csAccountSignals } from "./reads/cs-account-signals.ts";
import { csSettings } from "./reads/cs-settings.ts";
import { salesOpenDeals } from "./reads/sales-open-deals.ts";
import { salesOpenLeads } from "./reads/sales-open-leads.ts";
import { salesSettings } from "./reads/sales-settings.ts";
import { salesStageNorms } from "./reads/sales-stage-norms.ts";
import type { Tool } from "./types.ts";
import { appendAuditTool } from "./writes/append-audit.ts";
import { createDraft } from "./writes/create-draft.ts";
import { tagDraftVariants } from "./writes/marketing-draft-variants.ts";
import { saveSegments } from "./writes/marketing-segments.ts";
import { proposeTask } from "./writes/propose-task.ts";
import { recordScore } from "./writes/record-score.ts";
import { triageTicket } from "./writes/triage-ticket.ts";
import { PLANNER_TOOLS } from "./planner/index.ts";
import { supportSettings } from "./reads/support-settings.ts";
import { supportOpenTickets } from "./reads/support-open-tickets.ts";
import { supportRoster } from "./reads/support-roster.ts";
import { supportLabelledTickets, supportSlaHistory } from "./reads/support-history.ts";
import { supportKbArticles } from "./reads/support-kb-articles.ts";
import { supportAssignTicket } from "./writes/support-assign-ticket.ts";
import { supportSaveTriageModel } from "./writes/support-triage-model.ts";

/** Every tool, by name. */
export const TOOLS = {
  account_360: account360,
  lead_profile: leadProfile,
  deal_timeline: dealTimeline,
  ticket_with_history: ticketWithHistory,
  search_entities: searchEntities,
  semantic_search: semanticSearch,
  segment_query: segmentQuery,
  active_score_model: activeScoreModelTool,
  cs_account_signals: csAccountSignals,
  cs_settings: csSettings,
  sales_open_leads: salesOpenLeads,
  sales_open_deals: salesOpenDeals,
  sales_stage_norms: salesStageNorms,
  sales_settings: salesSettings,
  record_score: recordScore,
  propose_task: proposeTask,
  create_draft: createDraft,
  update_ticket_triage: triageTicket,
  append_audit: appendAuditTool,
  marketing_settings: marketingSettings,
  marketing_account_features: marketingAccountFeatures,
  marketing_audience: marketingAudience,
  marketing_response_rates: marketingResponseRates,
  marketing_attribution: marketingAttribution,
  marketing_save_segments: saveSegments,
  marketing_tag_drafts: tagDraftVariants,
  ...PLANNER_TOOLS,
  support_settings: supportSettings,
  support_open_tickets: supportOpenTickets,
  support_roster: supportRoster,
  support_sla_history: supportSlaHistory,
  support_labelled_tickets: supportLabelledTickets,
  support_kb_articles: supportKbArticles,
  support_assign_ticket: supportAssignTicket,
  support_save_triage_model: supportSaveTriageModel,
} as const;

export type ToolName = keyof typeof TOOLS;
/** A tool of the registry with its input type erased, as lists and allow-lists hold them. */
export type AnyTool = Tool<z.ZodObject, unknown>;

/** An agent's allow-list resolved to its tools; an unknown name is a programming error. */
export function pickTools(allow: readonly ToolName[]): AnyTool[] {
  return allow.map((name) => {
    if (!Object.hasOwn(TOOLS, name)) throw new ToolNotAllowedError(name, Object.keys(TOOLS));
    return TOOLS[name] as AnyTool;
  });
}

/** The tool `name` if the allow-list has it; TOOL_NOT_ALLOWED otherwise (a model asked for it). */
export function allowedTool(allow: readonly ToolName[], name: string): AnyTool {
  if (!(allow as readonly string[]).includes(name) || !Object.hasOwn(TOOLS, name)) {
    throw new ToolNotAllowedError(name, allow);
  }
  return TOOLS[name as ToolName] as AnyTool;
}
