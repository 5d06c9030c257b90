import { pickStaff, type AccountState, type BlockContext } from "./context.ts";
import { churnProbability, type Segment } from "./model.ts";
import { COMPANY_STEMS, COMPANY_SUFFIXES, COUNTRIES, INDUSTRIES } from "./names.ts";
import type { Rng } from "./random.ts";
import { addDays, addMonths, isoDate } from "./time.ts";
import { ascii } from "./users.ts";

const SEGMENTS: readonly Segment[] = ["smb", "mid-market", "enterprise"];
const SEGMENT_WEIGHTS = [60, 30, 10];
/** Employee ranges per segment (log-uniform). */
const EMPLOYEES: Record<Segment, [number, number]> = {
  smb: [5, 200],
  "mid-market": [200, 2_000],
  enterprise: [2_000, 60_000],
};
/** Plans per segment with their weights, and list price per seat per month. */
const PLANS: Record<Segment, readonly [string, number][]> = {
  smb: [
    ["starter", 55],
    ["growth", 45],
  ],
  "mid-market": [
    ["growth", 40],
    ["business", 60],
  ],
  enterprise: [
    ["business", 30],
    ["enterprise", 70],
  ],
};
const SEAT_PRICE: Record<string, number> = { starter: 25, growth: 45, business: 75, enterprise: 110 };
/** Share of employees who get a seat, per segment: [min, max]. */
const SEAT_SHARE: Record<Segment, [number, number]> = {
  smb: [0.1, 0.5],
  "mid-market": [0.05, 0.2],
  enterprise: [0.01, 0.06],
};

/** Share of accounts that start as prospects (some become customers by winning a deal). */
export const PROSPECT_SHARE = 0.22;

/**
 * An account's firmographics, latents and owner. Names are unique per book: the account index
 * maps one-to-one onto (stem, suffix, round), so two accounts never share a domain.
 */
export function draftAccount(ctx: BlockContext, index: number): AccountState {
  const { rng, ids, plan, book } = ctx;
  const segment = rng.weighted(SEGMENTS, SEGMENT_WEIGHTS);
  const country = rng.weighted(
    COUNTRIES,
    COUNTRIES.map((c) => c.weight),
  );
  const [lo, hi] = EMPLOYEES[segment];
  const employees = Math.round(lo * Math.pow(hi / lo, rng.float()));
  const combos = COMPANY_STEMS.length * COMPANY_SUFFIXES.length;
  const k = (index * 1031) % combos; // 1031 is prime to 64 × 24: a permutation of the combinations
  const round = Math.floor(index / combos);
  const base = `${COMPANY_STEMS[k % COMPANY_STEMS.length]} ${COMPANY_SUFFIXES[Math.floor(k / COMPANY_STEMS.length)]}`;
  const prospect = rng.chance(PROSPECT_SHARE);
  const latents = { health: rng.normal(), pain: rng.normal(), bond: rng.normal() };
  const rep = pickStaff(book, rng, "rep", country.territory);
  const created = addDays(plan.asOf, -rng.int(30, 500));
  return {
    index,
    segment,
    country,
    latents,
    contacts: [],
    paying: !prospect,
    customerSince: null,
    decisionAt: null,
    churned: false,
    end: plan.asOf,
    rep,
    owner: rep,
    row: {
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      external_id: `${plan.tag}-A${String(index + 1).padStart(7, "0")}`,
      name: `${base} ${country.legal}`,
      domain: `${ascii(base)}${round > 0 ? round + 1 : ""}.${country.tld}`,
      industry: rng.weighted(
        INDUSTRIES.map((i) => i.name),
        INDUSTRIES.map((i) => i.weight),
      ),
      employees,
      annual_revenue: Math.round((employees * rng.logNormal(Math.log(150_000), 0.5)) / 1000) * 1000,
      country: country.code,
      region: country.region,
      segment,
      plan: null,
      seats_purchased: null,
      mrr: null,
      arr: null,
      lifecycle_stage: "prospect",
      owner_id: rep.id,
      customer_since: null,
      renewal_date: null,
      attributes: { support_tier: segment === "enterprise" ? "premium" : "standard" },
      created_at: created,
      updated_at: created,
    },
  };
}

/** Months of tenure at the as-of date for an account that was a customer from the start. */
export function drawTenureMonths(rng: Rng): number {
  return Math.min(96, 1 + Math.floor(rng.exponential(26)));
}

/**
 * Makes the account a paying customer since `since`: plan, seats and MRR, and — when an annual
 * renewal fell in the last 12 months — the renewal decision (churn drawn from the model) with its
 * outcome, known at the renewal date. A churned account stops at the renewal date.
 */
export function becomeCustomer(ctx: BlockContext, a: AccountState, since: Date): void {
  const { rng, plan } = ctx;
  const row = a.row;
  const planName = rng.weighted(
    PLANS[a.segment].map((p) => p[0]),
    PLANS[a.segment].map((p) => p[1]),
  );
  const [sLo, sHi] = SEAT_SHARE[a.segment];
  const seats = Math.max(3, Math.round(row.employees * rng.range(sLo, sHi)));
  const discount =
    a.segment === "enterprise" ? rng.range(0.05, 0.25) : a.segment === "mid-market" ? rng.range(0, 0.1) : 0;
  const mrr = Math.round(seats * SEAT_PRICE[planName]! * (1 - discount) * 100) / 100;
  a.paying = true;
  a.customerSince = since;
  const months =
    (plan.asOf.getUTCFullYear() - since.getUTCFullYear()) * 12 +
    plan.asOf.getUTCMonth() -
    since.getUTCMonth();
  let years = Math.floor(months / 12);
  if (years >= 1 && addMonths(since, 12 * years) > plan.asOf) years--;
  row.plan = planName;
  row.seats_purchased = seats;
  row.mrr = mrr;
  row.arr = Math.round(mrr * 12 * 100) / 100;
  row.customer_since = isoDate(since);
  row.lifecycle_stage = months < 3 ? "onboarding" : "customer";
  row.renewal_date = isoDate(addMonths(since, 12 * (years + 1)));
  a.owner = pickStaff(ctx.book, rng, "cs", a.country.territory);
  row.owner_id = a.owner.id;
  if (years < 1) return;
  const decision = addMonths(since, 12 * years);
  a.decisionAt = decision;
  a.churned = rng.chance(churnProbability(a.latents, years, a.segment));
  if (a.churned) {
    a.end = decision;
    row.attributes = { ...row.attributes, churned_arr: row.arr };
    row.lifecycle_stage = "churned";
    row.renewal_date = isoDate(decision);
    row.mrr = 0;
    row.arr = 0;
  }
  row.updated_at = a.end;
  ctx.out.outcomes.push({
    id: ctx.ids.uuid(),
    tenant_id: plan.tenantId,
    entity_kind: "account",
    entity_id: row.id,
    kind: a.churned ? "churned" : "renewed",
    value: true,
    campaign_id: null,
    occurred_at: decision,
    known_at: decision,
    source: "seed",
  });
}
