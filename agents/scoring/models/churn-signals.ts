import type { AccountSignals } from "../data/account-signals.ts";
import type { FeatureRecord } from "../features/spec.ts";
import type { ModelDefinition } from "./definition.ts";

const DAY_MS = 86_400_000;
const count = (key: string, label: string) => ({ kind: "numeric", key, label, transform: "log1p" }) as const;

/**
 * Account churn from CRM signals any tenant records: usage trend and seat use, support load and
 * feedback, plan/billing signals, engagement, tenure, plan and size — computed point-in-time by
 * `accountSignalsAt` (agents/scoring/data/account-signals.ts), so training rows (cut before each
 * outcome) and live scores (cut = now) see the same features. MRR/ARR are not features: they are
 * current-state columns the store rewrites when an account churns (zeroed), not history.
 */
export const CHURN_SIGNALS_MODEL: ModelDefinition = {
  name: "churn-signals",
  entity: "account",
  outcome: "churned",
  features: [
    {
      kind: "numeric",
      key: "usage_change",
      label: "active users, last 3 vs prior 3 months (log ratio)",
      missingIndicator: true,
    },
    { kind: "numeric", key: "seat_use", label: "seats used / purchased", missingIndicator: true },
    { kind: "numeric", key: "active_share", label: "active users / seats used", missingIndicator: true },
    count("tickets_90d", "tickets (90 days)"),
    count("severe_tickets_90d", "high/critical tickets (90 days)"),
    count("open_tickets", "open tickets"),
    { kind: "numeric", key: "csat_avg", label: "CSAT average (180 days)", missingIndicator: true },
    count("commercial_tickets_90d", "billing/cancellation tickets (90 days)"),
    count("activities_90d", "activities (90 days)"),
    {
      kind: "numeric",
      key: "days_since_activity",
      label: "days since last activity",
      transform: "log1p",
      missingIndicator: true,
    },
    { kind: "numeric", key: "tenure_months", label: "tenure (months)", transform: "log1p" },
    count("expansion_won_365d", "expansions won (365 days)"),
    { kind: "categorical", key: "plan", label: "plan", minCount: 10 },
    { kind: "categorical", key: "segment", label: "segment", minCount: 10 },
    count("seats_purchased", "seats purchased"),
  ],
};

/** Derived, human-readable metrics of an account's signals (shared by health and churn). */
export interface SignalMetrics {
  /** % change of mean active users, last 3 complete months vs the 3 before; null without both. */
  usageChangePct: number | null;
  /** Same as a log ratio (symmetric; the model's feature). */
  usageLogRatio: number | null;
  /** Seats used in the latest month / seats purchased. */
  seatUse: number | null;
  /** Active users / seats used in the latest month. */
  activeShare: number | null;
  tenureMonths: number | null;
  daysSinceActivity: number | null;
  daysSinceMeeting: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const daysBetween = (from: string | null, to: Date) =>
  from ? Math.max(0, (to.getTime() - new Date(from).getTime()) / DAY_MS) : null;

/** Metrics of one account's signals at their cut. */
export function signalMetrics(s: AccountSignals): SignalMetrics {
  const active = s.usage.map((u) => u.active_users);
  const recent = mean(active.slice(0, 3));
  const prior = mean(active.slice(3, 6));
  const latest = s.usage[0];
  const cut = new Date(s.cut);
  const since = s.customer_since ? new Date(`${s.customer_since}T00:00:00Z`) : null;
  return {
    usageChangePct: recent !== null && prior !== null && prior > 0 ? (recent / prior - 1) * 100 : null,
    usageLogRatio: recent !== null && prior !== null ? Math.log((recent + 1) / (prior + 1)) : null,
    seatUse: latest?.seats_used != null && s.seats_purchased ? latest.seats_used / s.seats_purchased : null,
    activeShare: latest?.seats_used ? latest.active_users / latest.seats_used : null,
    tenureMonths: since ? Math.max(0, (cut.getTime() - since.getTime()) / (DAY_MS * 30.44)) : null,
    daysSinceActivity: daysBetween(s.last_activity_at, cut),
    daysSinceMeeting: daysBetween(s.last_meeting_at, cut),
  };
}

/** The churn-signals feature record of an account's signals (training and scoring alike). */
export function signalRecord(s: AccountSignals): FeatureRecord {
  const m = signalMetrics(s);
  return {
    usage_change: m.usageLogRatio,
    seat_use: m.seatUse,
    active_share: m.activeShare,
    tickets_90d: s.tickets_90d,
    severe_tickets_90d: s.severe_90d,
    open_tickets: s.open_tickets,
    csat_avg: s.csat_avg,
    commercial_tickets_90d: s.billing_90d + s.cancellation_90d,
    activities_90d: s.activities_90d,
    days_since_activity: m.daysSinceActivity,
    tenure_months: m.tenureMonths,
    expansion_won_365d: s.won_expansion_ids.length,
    plan: s.plan,
    segment: s.segment,
    seats_purchased: s.seats_purchased,
  };
}
