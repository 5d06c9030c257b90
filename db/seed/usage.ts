import type { AccountState, BlockContext } from "./context.ts";
import { activeShare, clamp, seatUtilisation, usageDrift } from "./model.ts";
import { RATIOS } from "./options.ts";
import { isoDate, monthStart } from "./time.ts";

/**
 * Monthly product usage of a paying account over the last 15 complete months of its tenure (a
 * churned account's stop the month before it churned). Seat utilisation and active users are set
 * by the health latent at the reference month — the renewal decision, or the as-of date — and
 * drift from there by `usageDrift(health)` per month, so an unhealthy account's usage is visibly
 * falling in the months before its renewal. New customers ramp up over their first three months.
 */
export function generateUsage(ctx: BlockContext, a: AccountState): void {
  const { rng, plan } = ctx;
  if (!a.paying || !a.customerSince || !a.row.seats_purchased) return;
  const seats = a.row.seats_purchased;
  const { health } = a.latents;
  const drift = usageDrift(health, rng.normal());
  const utilisation = seatUtilisation(health, rng.normal());
  const active = activeShare(health);
  const eventsPerUser = rng.logNormal(Math.log(a.segment === "enterprise" ? 150 : 110), 0.4);
  const ref = monthIndex(a.decisionAt ?? plan.asOf);
  const since = monthIndex(a.customerSince);
  const first = Math.max(since, monthIndex(plan.asOf) - RATIOS.usageMonths);
  const last = monthIndex(a.churned ? a.end : plan.asOf) - 1;
  for (let m = first; m <= last; m++) {
    const ramp = Math.min(1, (m - since + 1) / 3);
    const trend = Math.exp(drift * (m - ref));
    const assigned = Math.max(1, Math.round(seats * clamp(utilisation * Math.sqrt(trend) * ramp, 0.02, 1)));
    const users = Math.min(
      assigned,
      Math.round(assigned * active * Math.sqrt(trend) * (1 + 0.08 * rng.normal())),
    );
    const activeUsers = Math.max(0, users);
    const events = Math.round(activeUsers * eventsPerUser * (1 + 0.1 * rng.normal()));
    ctx.out.product_usage.push({
      tenant_id: plan.tenantId,
      account_id: a.row.id,
      period_start: isoDate(monthStart(plan.asOf, m - monthIndex(plan.asOf))),
      granularity: "month",
      active_users: activeUsers,
      seats_used: assigned,
      events: Math.max(0, events),
      feature_usage: {
        reports: Math.round(activeUsers * rng.range(0.3, 1.5)),
        automations: Math.round(activeUsers * clamp(0.3 + 0.2 * health, 0, 1) * rng.range(0.5, 1.5)),
        integrations: clamp(Math.round(2 + health + rng.normal()), 0, 8),
        api_calls: Math.round(events * rng.range(0, 0.6)),
      },
    });
  }
}

/** Months since year 0 (a month counter for arithmetic on months). */
function monthIndex(t: Date): number {
  return t.getUTCFullYear() * 12 + t.getUTCMonth();
}
