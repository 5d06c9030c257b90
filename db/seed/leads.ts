import { pushActivity } from "./activities.ts";
import { touchAudience } from "./campaigns.ts";
import { pickStaff, type AccountState, type BlockContext } from "./context.ts";
import { leadActivities } from "./lead-activities.ts";
import { conversionProbability, SOURCE_EFFECT } from "./model.ts";
import { COMPANY_STEMS, COMPANY_SUFFIXES, COUNTRIES, FIRST_NAMES, LAST_NAMES, LEAD_TITLES } from "./names.ts";
import type { LeadRow } from "./rows.ts";
import { FEATURES, GOALS, PAINS, PRODUCT, WEB_PAGES } from "./text-activities.ts";
import { DAY_MS } from "./time.ts";
import { ascii } from "./users.ts";

const SOURCES = Object.keys(SOURCE_EFFECT);
const SOURCE_WEIGHTS: Record<string, number> = {
  website: 25,
  content: 15,
  paid_search: 15,
  webinar: 10,
  event: 10,
  referral: 8,
  partner: 7,
  outbound: 10,
};
/** Share of leads matched to an existing account of the book. */
const LINKED_SHARE = 0.3;

/**
 * Lead `j`, anchored at an account of its block (30 % are people at that account). A latent buying
 * intent drives its engagement — pricing-page views, demo requests, form fills, replies, and how
 * recent its activity is — and, with company size and source, its conversion. A lead created more
 * than its decision time ago is decided (converted or unqualified, the outcome known then) and
 * has no activity after it; the rest are open.
 */
export function generateLead(ctx: BlockContext, j: number, anchor: AccountState): void {
  const { rng, ids, plan, book } = ctx;
  const linked = rng.chance(LINKED_SHARE);
  const country = linked
    ? anchor.country
    : rng.weighted(
        COUNTRIES,
        COUNTRIES.map((c) => c.weight),
      );
  const company = linked
    ? anchor.row.name
    : `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_SUFFIXES)} ${country.legal}`;
  const employees = linked ? anchor.row.employees : Math.round(5 * Math.pow(4_000, rng.float()));
  const domain = linked
    ? anchor.row.domain
    : `${ascii(company.split(" ").slice(0, 2).join(""))}.${country.tld}`;
  const intent = rng.normal();
  const source = rng.weighted(
    SOURCES,
    SOURCES.map((s) => SOURCE_WEIGHTS[s]!),
  );
  const created = new Date(plan.asOf.getTime() - rng.float() * 365 * DAY_MS);
  const decidedAt = new Date(created.getTime() + (20 + rng.exponential(90)) * DAY_MS);
  const decided = decidedAt <= plan.asOf;
  const end = decided ? decidedAt : plan.asOf;
  const spanDays = (end.getTime() - created.getTime()) / DAY_MS;
  const dnc = rng.chance(intent < -1 ? 0.09 : 0.04);
  const optedOutAt = dnc
    ? new Date(created.getTime() + rng.range(0.2, 1) * (end.getTime() - created.getTime()))
    : null;
  const owner = pickStaff(book, rng, "rep", country.territory);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const id = ids.uuid();
  const externalId = `${plan.tag}-L${String(j + 1).padStart(7, "0")}`;

  const slots = {
    first,
    rep: owner.name.split(" ")[0]!,
    company,
    product: PRODUCT,
    pain: rng.pick(PAINS),
    goal: rng.pick(GOALS),
    feature: rng.pick(FEATURES),
    seats: Math.max(5, Math.round(employees / 10)),
  };
  const { activities, outbound } = leadActivities(ctx, {
    id,
    accountId: linked ? anchor.row.id : null,
    ownerId: owner.id,
    source,
    intent,
    created,
    end,
    optedOutAt,
    slots,
  });

  const converted = decided && rng.chance(conversionProbability(intent, employees, source));
  const status: LeadRow["status"] = decided
    ? converted
      ? "converted"
      : "unqualified"
    : intent > 0.8 && spanDays > 14
      ? "qualified"
      : outbound > 0
        ? "working"
        : spanDays > 90
          ? "nurturing"
          : "new";
  const lead: LeadRow = {
    id,
    tenant_id: plan.tenantId,
    external_id: externalId,
    account_id: linked ? anchor.row.id : null,
    first_name: first,
    last_name: last,
    email: `${ascii(first)}.${ascii(last)}@${domain}`,
    phone: rng.chance(0.6)
      ? `${country.dial} ${rng.int(200, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`
      : null,
    company,
    title: rng.pick(LEAD_TITLES),
    employees,
    country: country.code,
    source,
    status,
    owner_id: owner.id,
    do_not_contact: dnc,
    opted_out_at: optedOutAt,
    fields: {
      utm_source: source === "paid_search" ? "google" : source,
      landing_page: rng.pick(WEB_PAGES).url,
      budget: employees < 100 ? "<10k" : employees < 1000 ? "10k-50k" : "50k+",
      interest: slots.feature,
    },
    created_at: created,
    updated_at: end,
  };
  ctx.out.leads.push(lead);
  activities.forEach((a, n) => pushActivity(ctx, externalId, n + 1, a));
  if (decided) {
    ctx.out.outcomes.push({
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      entity_kind: "lead",
      entity_id: id,
      kind: "converted",
      value: converted,
      campaign_id: null,
      occurred_at: decidedAt,
      known_at: decidedAt,
      source: "seed",
    });
  }
  if (!dnc || optedOutAt! > created) {
    touchAudience(ctx, {
      contactId: null,
      leadId: id,
      createdAt: created,
      propensity: intent,
      reachableUntil: optedOutAt ?? end,
      rate: 0.45,
    });
  }
}
