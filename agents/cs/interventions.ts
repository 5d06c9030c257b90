import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";
import { arrOf, stateLine, weakest, type Assessment } from "./assessment.ts";
import { accountId, activityIds, usageIds } from "./evidence.ts";
import type { CsPolicy } from "./policy.ts";
import { inHours, task, type TaskProposal } from "./tasks.ts";

const DAY_MS = 86_400_000;

/**
 * Interventions for one account (each rule at most one task per type, so one reason code):
 * - renewal_prep: renewal within `renewalLeadDays`; due `renewalDueDaysBefore` the renewal;
 * - exec_sponsor: an at-risk account; to an executive / decision maker when there is one;
 * - check_in (not at risk): usage fell past `checkInUsageDropPct`, else no activity for
 *   `checkInQuietDays`, else a watch-tier account whose health went down;
 * - qbr: a customer in `qbrSegments` without a meeting for `qbrIntervalDays`;
 * - expansion (not at risk): seat use at or above `expansionSeatUse`, for the account owner.
 * Values are ARR-weighted expected values: what is at stake times how likely the task matters.
 */
export function interventions(
  snap: CsAccountSnapshot,
  a: Assessment,
  policy: CsPolicy,
  now: Date,
): TaskProposal[] {
  const p = policy.interventions;
  const acc = snap.account;
  const arr = arrOf(acc);
  const risk = a.churn.probability;
  const owner = `Owner: ${acc.owner_name ?? "unassigned"}.`;
  const why = weakest(a, 2);
  const whyText = why.map((d) => `${d.driver.replace("_", " ")}: ${d.detail}`).join("; ");
  const whyEvidence = [accountId(acc.id), ...why.flatMap((d) => d.evidence)];
  const base = { entity_kind: "account" as const, entity_id: acc.id };
  const out: TaskProposal[] = [];

  const renewal = acc.renewal_date ? new Date(`${acc.renewal_date}T00:00:00Z`) : null;
  const daysToRenewal = renewal ? (renewal.getTime() - now.getTime()) / DAY_MS : null;
  if (renewal && daysToRenewal !== null && daysToRenewal >= 0 && daysToRenewal <= p.renewalLeadDays) {
    const due = new Date(
      Math.max(renewal.getTime() - p.renewalDueDaysBefore * DAY_MS, now.getTime() + 2 * DAY_MS),
    );
    out.push(
      task({
        ...base,
        type: "renewal_prep",
        reasonCode: `renewal_${acc.renewal_date}`,
        title: `Prepare the renewal of ${acc.name} (renews ${acc.renewal_date})`,
        reason: `Renews on ${acc.renewal_date}, in ${Math.ceil(daysToRenewal)} days. ${stateLine(a)} ${whyText ? `Watch: ${whyText}. ` : ""}${owner}`,
        priority_value: arr * (0.1 + risk),
        estimated_minutes: 90,
        due_at: new Date(Math.min(due.getTime(), renewal.getTime())).toISOString(),
        evidence_ids: whyEvidence,
      }),
    );
  }
  if (a.atRisk) {
    const sponsor = snap.contacts.find((c) => c.role !== null && p.execSponsorRoles.includes(c.role));
    const name = sponsor ? [sponsor.first_name, sponsor.last_name].filter(Boolean).join(" ") : null;
    out.push(
      task({
        ...base,
        type: "exec_sponsor",
        reasonCode: "at_risk",
        title: sponsor
          ? `Executive sponsor outreach: ${name}${sponsor.title ? `, ${sponsor.title}` : ""} at ${acc.name}`
          : `Find an executive sponsor at ${acc.name}`,
        reason: `At risk. ${stateLine(a)} Why: ${whyText || "see the health reasons"}. ${owner}`,
        priority_value: arr * risk,
        estimated_minutes: 45,
        due_at: inHours(now, 72),
        evidence_ids: [...whyEvidence, ...(sponsor ? [`contact:${sponsor.id}`] : [])],
      }),
    );
  } else {
    const m = a.health.metrics;
    const code =
      m.usageChangePct !== null && m.usageChangePct <= p.checkInUsageDropPct
        ? "usage_decline"
        : m.daysSinceActivity === null || m.daysSinceActivity >= p.checkInQuietDays
          ? "engagement_gap"
          : a.health.tier === "watch" && a.health.trend?.direction === "down"
            ? "health_declining"
            : null;
    if (code) {
      const what = {
        usage_decline: `active users ${Math.round(m.usageChangePct ?? 0)}% over 3 months`,
        engagement_gap:
          m.daysSinceActivity === null
            ? "no activity recorded"
            : `no activity for ${Math.floor(m.daysSinceActivity)} days`,
        health_declining: `health went down ${Math.abs(a.health.trend?.delta ?? 0)} points`,
      }[code];
      out.push(
        task({
          ...base,
          type: "check_in",
          reasonCode: code,
          title: `Check in with ${acc.name}: ${what}`,
          reason: `${what}. ${stateLine(a)} ${owner}`,
          priority_value: arr * risk * 0.5,
          estimated_minutes: 30,
          due_at: inHours(now, 7 * 24),
          evidence_ids:
            code === "usage_decline"
              ? usageIds(snap.signals)
              : [...whyEvidence, ...activityIds(snap.signals.last_activity_id)],
        }),
      );
    }
  }
  const sinceMeeting = a.health.metrics.daysSinceMeeting;
  if (
    acc.lifecycle_stage === "customer" &&
    acc.segment !== null &&
    p.qbrSegments.includes(acc.segment) &&
    (sinceMeeting === null || sinceMeeting >= p.qbrIntervalDays)
  ) {
    out.push(
      task({
        ...base,
        type: "qbr",
        reasonCode: "qbr_due",
        title: `Schedule a QBR with ${acc.name}`,
        reason: `${sinceMeeting === null ? "No meeting on record" : `Last meeting ${Math.floor(sinceMeeting)} days ago`} (QBR every ${p.qbrIntervalDays} days for ${acc.segment}). ${stateLine(a)} ${owner}`,
        priority_value: arr * (0.05 + 0.25 * risk),
        estimated_minutes: 120,
        due_at: inHours(now, 21 * 24),
        evidence_ids: [accountId(acc.id), ...activityIds(snap.signals.last_meeting_id)],
      }),
    );
  }
  const seatUse = a.health.metrics.seatUse;
  if (!a.atRisk && seatUse !== null && seatUse >= p.expansionSeatUse) {
    out.push(
      task({
        ...base,
        type: "expansion",
        reasonCode: "seats_near_limit",
        title: `Expansion: ${acc.name} uses ${Math.round(100 * seatUse)}% of its ${acc.seats_purchased} seats`,
        reason: `Usage near the plan limit (${a.health.drivers.find((d) => d.driver === "seat_use")!.detail}). For the account owner — ${owner}`,
        priority_value: arr * p.expansionUpliftShare,
        estimated_minutes: 60,
        due_at: inHours(now, 14 * 24),
        evidence_ids: usageIds(snap.signals, 1),
      }),
    );
  }
  return out;
}
