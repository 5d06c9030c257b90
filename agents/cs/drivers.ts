import type { AccountSignals } from "../scoring/data/account-signals.ts";
import type { SignalMetrics } from "../scoring/models/churn-signals.ts";
import { accountId, activityIds, dealIds, ticketIds, usageIds } from "./evidence.ts";
import type { CsPolicy, DriverName } from "./policy.ts";

/** One health driver: a 0–1 sub-score (null: no data, counted as neutral 0.5), why, and the rows. */
export interface DriverResult {
  driver: DriverName;
  /** 0 (worst) … 1 (best); null when the account has no data for it. */
  score: number | null;
  /** What the driver saw, readable: "active users −28% (last 3 vs prior 3 months)". */
  detail: string;
  evidence: string[];
}

type Ramp = { worst: number; best: number };
/** 0 at `worst`, 1 at `best`, linear between, clamped. */
export const rampScore = (x: number, { worst, best }: Ramp): number =>
  Math.min(1, Math.max(0, (x - worst) / (best - worst)));
const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(Math.round(x))}%`;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Every driver of one account's signals under the policy's ramps. */
export function healthDrivers(s: AccountSignals, m: SignalMetrics, p: CsPolicy): DriverResult[] {
  const r = p.ramps;
  const usage = m.usageChangePct;
  const load = s.open_tickets + 0.5 * s.tickets_90d + s.severe_90d;
  const negShare = s.tickets_90d > 0 ? s.negative_90d / s.tickets_90d : 0;
  const sentiment =
    s.csat_avg === null && s.negative_90d === 0
      ? null
      : (s.csat_avg === null ? 1 : rampScore(s.csat_avg, r.csat)) * (1 - negShare);
  const commercial =
    s.won_expansion_ids.length + 0.5 * s.open_expansion_ids.length - s.billing_90d - 2 * s.cancellation_90d;
  return [
    {
      driver: "usage_trend",
      score: usage === null ? null : rampScore(usage, r.usage_change_pct),
      detail:
        usage === null
          ? "not enough usage history (needs 4+ months)"
          : `active users ${pct(usage)} (last 3 vs prior 3 months)`,
      evidence: usageIds(s),
    },
    {
      driver: "seat_use",
      score: m.seatUse === null ? null : rampScore(m.seatUse, r.seat_use),
      detail:
        m.seatUse === null
          ? "no seat data"
          : `${s.usage[0]!.seats_used} of ${s.seats_purchased} seats used (${Math.round(100 * m.seatUse)}%)`,
      evidence: usageIds(s, 1),
    },
    {
      driver: "support_load",
      score: rampScore(load, r.support_load),
      detail: `${s.open_tickets} open tickets, ${s.tickets_90d} in 90 days (${s.severe_90d} high/critical)`,
      evidence: ticketIds([
        ...new Set([...s.open_ticket_ids, ...s.severe_ticket_ids, ...s.recent_ticket_ids]),
      ]),
    },
    {
      driver: "support_sentiment",
      score: sentiment,
      detail:
        sentiment === null
          ? "no CSAT or triaged sentiment"
          : [
              s.csat_avg === null ? null : `CSAT ${r1(s.csat_avg)}/5 (180 days)`,
              s.negative_90d > 0 ? `${s.negative_90d} of ${s.tickets_90d} tickets negative (triage)` : null,
            ]
              .filter(Boolean)
              .join(", "),
      evidence: ticketIds(s.feedback_ticket_ids),
    },
    {
      driver: "commercial",
      score: rampScore(commercial, r.commercial),
      detail:
        commercial === 0 && s.billing_90d === 0
          ? "no plan or billing changes"
          : `${s.won_expansion_ids.length} expansion won (365 days), ${s.open_expansion_ids.length} open; ` +
            `${s.billing_90d} billing and ${s.cancellation_90d} cancellation tickets (90 days)`,
      evidence: [
        ...dealIds([...s.won_expansion_ids, ...s.open_expansion_ids]),
        ...ticketIds(s.commercial_ticket_ids),
      ],
    },
    {
      driver: "engagement",
      score: m.daysSinceActivity === null ? 0 : rampScore(m.daysSinceActivity, r.days_since_activity),
      detail:
        m.daysSinceActivity === null
          ? "no activity recorded"
          : `last activity ${Math.floor(m.daysSinceActivity)} days ago, ${s.activities_90d} in 90 days`,
      evidence: activityIds(s.last_activity_id),
    },
    {
      driver: "tenure",
      score: m.tenureMonths === null ? null : rampScore(m.tenureMonths, r.tenure_months),
      detail:
        m.tenureMonths === null
          ? "no customer-since date"
          : `customer for ${Math.floor(m.tenureMonths)} months`,
      evidence: [accountId(s.account_id)],
    },
  ];
}
