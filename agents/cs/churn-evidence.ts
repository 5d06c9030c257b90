import type { AccountSignals } from "../scoring/data/account-signals.ts";
import { accountId, activityIds, dealIds, ticketIds, usageIds } from "./evidence.ts";

/** The rows behind one churn-signals feature of an account (for a learned score's reasons). */
export function churnEvidence(s: AccountSignals, feature: string): string[] {
  switch (feature) {
    case "usage_change":
      return usageIds(s);
    case "seat_use":
    case "active_share":
      return usageIds(s, 1);
    case "tickets_90d":
      return ticketIds(s.recent_ticket_ids);
    case "severe_tickets_90d":
      return ticketIds(s.severe_ticket_ids);
    case "open_tickets":
      return ticketIds(s.open_ticket_ids);
    case "csat_avg":
      return ticketIds(s.feedback_ticket_ids);
    case "commercial_tickets_90d":
      return ticketIds(s.commercial_ticket_ids);
    case "activities_90d":
    case "days_since_activity":
      return activityIds(s.last_activity_id);
    case "expansion_won_365d":
      return dealIds(s.won_expansion_ids);
    default:
      return [accountId(s.account_id)];
  }
}
