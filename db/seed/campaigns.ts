import type { BlockContext, CampaignInfo } from "./context.ts";
import { responseProbability } from "./model.ts";
import type { BookPlan } from "./options.ts";
import type { Rng } from "./random.ts";
import type { CampaignMemberRow } from "./rows.ts";
import { addDays, addHours, earliest, DAY_MS } from "./time.ts";

const KINDS = [
  { kind: "email", channel: "email", days: 5, budget: [500, 3_000], weight: 30 },
  { kind: "webinar", channel: "web", days: 21, budget: [2_000, 10_000], weight: 20 },
  { kind: "event", channel: "in_person", days: 30, budget: [10_000, 80_000], weight: 12 },
  { kind: "content", channel: "web", days: 60, budget: [1_000, 8_000], weight: 20 },
  { kind: "ads", channel: "paid_social", days: 45, budget: [5_000, 40_000], weight: 18 },
] as const;

const TOPICS = [
  "Forecasting without spreadsheets",
  "Five signals of churn risk",
  "Support SLAs that customers notice",
  "Territory planning for growing teams",
  "From lead to renewal in one workspace",
  "Automating the weekly pipeline review",
  "What's new in Relay",
  "Customer success benchmarks",
];

/** Response window: a touch without a response this long after is recorded as no response. */
export const RESPONSE_WINDOW_DAYS = 14;

/**
 * Campaigns over the 15 months before the as-of date, one kind each (email, webinar, event,
 * content, ads). The last campaign is a draft with no start date yet; ~5 % are cancelled.
 */
export function generateCampaigns(plan: BookPlan, rng: Rng, ids: Rng): CampaignInfo[] {
  const out: CampaignInfo[] = [];
  for (let c = 0; c < plan.campaigns; c++) {
    const spec = rng.weighted(
      KINDS,
      KINDS.map((k) => k.weight),
    );
    const draft = c === plan.campaigns - 1;
    const start = addDays(plan.asOf, -rng.int(3, 450));
    const end = addDays(start, spec.days);
    const cancelled = !draft && rng.chance(0.05);
    const status = draft ? "draft" : cancelled ? "cancelled" : end <= plan.asOf ? "completed" : "active";
    const endedAt = status === "completed" ? end : cancelled ? addDays(start, rng.int(1, spec.days)) : null;
    const topic = rng.pick(TOPICS);
    out.push({
      quality: 0.4 * rng.normal(),
      touchEnd: endedAt ?? plan.asOf,
      row: {
        id: ids.uuid(),
        tenant_id: plan.tenantId,
        external_id: `${plan.tag}-M${String(c + 1).padStart(4, "0")}`,
        name: `${label(spec.kind)}: ${topic}`,
        kind: spec.kind,
        channel: spec.channel,
        status,
        started_at: draft ? null : start,
        ended_at: endedAt,
        budget: Math.round(rng.range(spec.budget[0], spec.budget[1]) / 100) * 100,
        attributes: { topic, audience: rng.pick(["customers", "prospects", "all"]) },
        created_at: addDays(start, -rng.int(7, 30)),
      },
    });
  }
  return out;
}

function label(kind: string): string {
  return kind === "ads" ? "Paid social" : kind[0]!.toUpperCase() + kind.slice(1);
}

/** A contact or a lead that campaigns may touch. */
export interface Audience {
  contactId: string | null;
  leadId: string | null;
  createdAt: Date;
  /** The latent that drives response (a lead's intent, an account's relationship). */
  propensity: number;
  /** No touches after this instant (opted out, do-not-contact). */
  reachableUntil: Date;
  /** Expected memberships. */
  rate: number;
}

/**
 * Touches one person with 0–3 live campaigns and records, when at least one touch's response
 * window has closed, one `responded` outcome for the person (the schema keeps one per entity and
 * kind): true with the first campaign responded to, else false with the last campaign touched.
 */
export function touchAudience(ctx: BlockContext, who: Audience): void {
  const { rng, ids, out, plan, book } = ctx;
  if (book.liveCampaigns.length === 0) return;
  const n = Math.min(3, rng.poisson(who.rate));
  const seen = new Set<string>();
  const members: CampaignMemberRow[] = [];
  for (let k = 0; k < n; k++) {
    const c = rng.pick(book.liveCampaigns);
    const from = Math.max(c.row.started_at!.getTime(), who.createdAt.getTime());
    const to = Math.min(c.touchEnd.getTime(), who.reachableUntil.getTime());
    if (seen.has(c.row.id) || to <= from) continue;
    seen.add(c.row.id);
    const touched = new Date(from + rng.float() * (to - from));
    const u = rng.float();
    let status: CampaignMemberRow["status"] = u < 0.03 ? "bounced" : u < 0.045 ? "unsubscribed" : "sent";
    let respondedAt: Date | null = null;
    if (status === "sent") {
      if (rng.chance(responseProbability(who.propensity, c.quality, c.row.kind))) {
        const at = addHours(touched, rng.range(1, 24 * 7));
        if (at <= plan.asOf) [status, respondedAt] = ["responded", at];
      }
      if (!respondedAt) status = rng.weighted(["sent", "opened", "clicked"] as const, [45, 40, 15]);
    }
    members.push({
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      campaign_id: c.row.id,
      contact_id: who.contactId,
      lead_id: who.leadId,
      status,
      touched_at: touched,
      responded_at: respondedAt,
    });
  }
  out.campaign_members.push(...members);
  recordResponse(ctx, who, members);
}

function recordResponse(ctx: BlockContext, who: Audience, members: CampaignMemberRow[]): void {
  const windowMs = RESPONSE_WINDOW_DAYS * DAY_MS;
  const asOf = ctx.plan.asOf.getTime();
  const decided = members.filter((m) => m.responded_at || m.touched_at.getTime() + windowMs <= asOf);
  if (decided.length === 0) return;
  decided.sort((a, b) => a.touched_at.getTime() - b.touched_at.getTime());
  const first = decided.find((m) => m.responded_at);
  const last = decided[decided.length - 1]!;
  ctx.out.outcomes.push({
    id: ctx.ids.uuid(),
    tenant_id: ctx.plan.tenantId,
    entity_kind: who.contactId ? "contact" : "lead",
    entity_id: (who.contactId ?? who.leadId)!,
    kind: "responded",
    value: first !== undefined,
    campaign_id: (first ?? last).campaign_id,
    occurred_at: first?.responded_at ?? null,
    known_at: first
      ? first.responded_at!
      : earliest(addDays(last.touched_at, RESPONSE_WINDOW_DAYS), ctx.plan.asOf),
    source: "seed",
  });
}
