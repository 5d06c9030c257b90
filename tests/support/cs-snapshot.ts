import type { AccountSignals } from "../../agents/scoring/data/account-signals.ts";
import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";

/** The instant the CS unit tests score at. */
export const NOW = new Date("2026-11-15T12:00:00Z");
export const ACCOUNT = "0000000a-0000-4000-8000-000000000001";
const id = (n: number) => `0000000b-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Six months of usage, newest first: active users `recent` for 3 months, `prior` before that. */
export function usage(recent: number, prior: number, seatsUsed: number) {
  return ["2026-10-01", "2026-09-01", "2026-08-01", "2026-07-01", "2026-06-01", "2026-05-01"].map((m, i) => ({
    period_start: m,
    active_users: i < 3 ? recent : prior,
    seats_used: seatsUsed,
  }));
}

/** Signals of a steady, neutral account (every driver near the middle), with overrides. */
export function signals(over: Partial<AccountSignals> = {}): AccountSignals {
  return {
    account_id: ACCOUNT,
    cut: NOW.toISOString(),
    plan: "growth",
    segment: "smb",
    seats_purchased: 100,
    customer_since: "2025-05-15",
    usage: usage(50, 50, 62),
    tickets_90d: 0,
    severe_90d: 0,
    open_tickets: 0,
    billing_90d: 0,
    cancellation_90d: 0,
    negative_90d: 0,
    csat_avg: null,
    activities_90d: 3,
    inbound_90d: 1,
    last_activity_id: id(1),
    last_activity_at: new Date(NOW.getTime() - 52 * 86_400_000).toISOString(),
    last_meeting_id: null,
    last_meeting_at: null,
    recent_ticket_ids: [],
    open_ticket_ids: [],
    severe_ticket_ids: [],
    commercial_ticket_ids: [],
    feedback_ticket_ids: [],
    won_expansion_ids: [],
    open_expansion_ids: [],
    ...over,
  };
}

/** A snapshot around `signals`, with overrides of the account and the rest. */
export function snapshot(
  s: Partial<AccountSignals> = {},
  over: Partial<Omit<CsAccountSnapshot, "account">> & {
    account?: Partial<CsAccountSnapshot["account"]>;
  } = {},
): CsAccountSnapshot {
  const { account, ...rest } = over;
  return {
    account: {
      id: ACCOUNT,
      name: "Unit Co",
      segment: "smb",
      plan: "growth",
      seats_purchased: 100,
      mrr: 1000,
      arr: 12000,
      lifecycle_stage: "customer",
      customer_since: "2025-05-15",
      renewal_date: "2027-05-15",
      owner_id: id(9),
      owner_name: "Olga Owner",
      ...account,
    },
    signals: signals(s),
    contacts: [
      {
        id: id(20),
        account_id: ACCOUNT,
        first_name: "Cara",
        last_name: "Champion",
        title: "Ops lead",
        role: "champion",
        email: "cara@unit.example",
        contactable: true,
      },
    ],
    open_tickets: [],
    health_history: [],
    last_draft: null,
    ...rest,
  };
}

export const ids = { id };
