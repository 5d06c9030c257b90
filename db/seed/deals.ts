import type { AccountState, BlockContext } from "./context.ts";
import { dealActivities } from "./deal-activities.ts";
import { extraThreads, stallProbability, winProbability, type Segment } from "./model.ts";
import type { DealRow, DealStageRow } from "./rows.ts";
import { NEXT_STEPS } from "./text-activities.ts";
import { addDays, DAY_MS, isoDate } from "./time.ts";

export const STAGES = ["prospecting", "discovery", "demo", "proposal", "negotiation"] as const;
/** Win probability shown on an open deal, by stage. */
const STAGE_PROBABILITY = [0.1, 0.2, 0.35, 0.55, 0.75];
/** Typical days in each stage, by segment; a deal's own times vary around these. */
const STAGE_DAYS: Record<Segment, readonly number[]> = {
  smb: [4, 6, 5, 7, 5],
  "mid-market": [7, 12, 10, 14, 10],
  enterprise: [14, 25, 20, 30, 25],
};
/** Where lost deals drop out. */
const LOST_AT_WEIGHTS = [30, 25, 20, 15, 10];
const NEW_BUSINESS: Record<Segment, [number, number]> = {
  smb: [5_000, 25_000],
  "mid-market": [25_000, 120_000],
  enterprise: [120_000, 600_000],
};
const DEAL_ROLE: Record<string, string> = {
  executive: "economic_buyer",
  decision_maker: "decision_maker",
  champion: "champion",
  technical: "technical_evaluator",
  billing: "procurement",
  user: "end_user",
  other: "influencer",
};

/**
 * One deal at account `a`, created in [from, horizon). A latent quality drives the number of
 * people on the deal (multi-threading) and whether it stalls (long stages, a slipped close date,
 * often no next step); the win is drawn from quality, threads and stalling. The deal walks its
 * stages from its creation; where the walk passes the as-of date it is still open at that stage
 * (its drawn result stays hidden). At a churned account, a deal still open at churn is lost then.
 * Returns the close time of a won deal.
 */
export function generateDeal(
  ctx: BlockContext,
  a: AccountState,
  seq: number,
  from: Date,
  horizon: Date,
): Date | null {
  const { rng, ids, plan } = ctx;
  // too short a window to open and work a deal in
  if (horizon.getTime() - from.getTime() < 2 * DAY_MS) return null;
  const expansion = a.paying;
  const quality = rng.normal() + (expansion ? 0.3 * a.latents.health : 0);
  const stalled = rng.chance(stallProbability(quality));
  const threads = Math.min(a.contacts.length, 1 + Math.min(4, rng.poisson(extraThreads(quality))));
  const won = rng.chance(winProbability(quality, threads, stalled, expansion));
  const reached = won ? STAGES.length : rng.weighted([1, 2, 3, 4, 5], LOST_AT_WEIGHTS);
  const norms = STAGE_DAYS[a.segment];
  const created = new Date(
    from.getTime() + rng.float() * Math.max(0, horizon.getTime() - from.getTime() - DAY_MS),
  );
  const id = ids.uuid();
  const history: DealStageRow[] = [];
  let t = created.getTime();
  let open = -1;
  for (let i = 0; i < reached; i++) {
    const days = Math.max(0.5, norms[i]! * rng.logNormal(0, 0.35) * (stalled ? 2.3 : 1));
    const exit = t + days * DAY_MS;
    const row: DealStageRow = {
      tenant_id: plan.tenantId,
      deal_id: id,
      stage: STAGES[i]!,
      entered_at: new Date(t),
      exited_at: null,
    };
    history.push(row);
    if (exit > horizon.getTime()) {
      open = i;
      break;
    }
    row.exited_at = new Date(exit);
    t = exit;
  }
  // a deal still open when its account churned is lost at the churn date
  const lostAtChurn = open >= 0 && horizon < plan.asOf;
  if (lostAtChurn) {
    history[open]!.exited_at = horizon;
    t = horizon.getTime();
  }
  const status: DealRow["status"] = open >= 0 && !lostAtChurn ? "open" : won && !lostAtChurn ? "won" : "lost";
  const closedAt = status === "open" ? null : new Date(t);
  if (closedAt) {
    history.push({
      tenant_id: plan.tenantId,
      deal_id: id,
      stage: `closed_${status}`,
      entered_at: closedAt,
      exited_at: null,
    });
  }
  const current = history[history.length - 1]!;
  // reps pad the first promised date by a fifth; a deal that needs longer than that has slipped
  const originalClose = addDays(created, 1.2 * norms.reduce((s, d) => s + d, 0));
  let expectedClose = originalClose;
  if (closedAt) {
    // a won deal's close date becomes the real one; a lost deal keeps the last date it was pushed to
    if (status === "won" || closedAt > originalClose) expectedClose = closedAt;
  } else if (stalled || originalClose.getTime() < plan.asOf.getTime() + 3 * DAY_MS) {
    const remaining = norms.slice(open).reduce((s, d) => s + d, 0) * (stalled ? 1.5 : 1);
    const pushed = addDays(plan.asOf, Math.max(7, Math.round(remaining)));
    expectedClose = pushed > originalClose ? pushed : addDays(originalClose, rng.int(14, 45));
  }
  const hasNext = status === "open" && rng.chance(stalled ? 0.4 : 0.85);
  const contacts = rng.sample(a.contacts, threads);
  const [lo, hi] = NEW_BUSINESS[a.segment];
  const arr = a.row.arr || Number(a.row.attributes.churned_arr ?? 0);
  const amount = expansion ? arr * rng.range(0.1, 0.4) : lo * Math.pow(hi / lo, rng.float());
  const deal: DealRow = {
    id,
    tenant_id: plan.tenantId,
    external_id: `${a.row.external_id}-D${seq}`,
    account_id: a.row.id,
    owner_id: a.rep.id,
    name: `${a.row.name}: ${expansion ? "expansion" : "new business"}`,
    stage: current.stage,
    status,
    amount: Math.max(1_000, Math.round(amount / 100) * 100),
    currency: "USD",
    probability: status === "open" ? STAGE_PROBABILITY[open]! : status === "won" ? 1 : 0,
    expected_close: isoDate(expectedClose),
    original_close: isoDate(originalClose),
    next_step: hasNext ? rng.pick(NEXT_STEPS) : null,
    next_step_due: hasNext
      ? isoDate(addDays(plan.asOf, stalled && rng.chance(0.5) ? -rng.int(3, 30) : rng.int(1, 14)))
      : null,
    created_at: created,
    stage_entered_at: current.entered_at,
    closed_at: closedAt,
    updated_at: closedAt ?? current.entered_at,
  };
  ctx.out.deals.push(deal);
  ctx.out.deal_stage_history.push(...history);
  for (const c of contacts) {
    ctx.out.deal_contacts.push({
      tenant_id: plan.tenantId,
      deal_id: id,
      contact_id: c.id,
      role: DEAL_ROLE[c.role] ?? "influencer",
    });
  }
  dealActivities(ctx, a, deal, history, contacts, stalled);
  if (closedAt) {
    ctx.out.outcomes.push({
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      entity_kind: "deal",
      entity_id: id,
      kind: status === "won" ? "won" : "lost",
      value: true,
      campaign_id: null,
      occurred_at: closedAt,
      known_at: closedAt,
      source: "seed",
    });
  }
  return status === "won" ? closedAt : null;
}
