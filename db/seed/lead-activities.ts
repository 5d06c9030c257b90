import type { ActivityInput } from "./activities.ts";
import type { BlockContext } from "./context.ts";
import { leadSignals } from "./model.ts";
import { fill, render } from "./template.ts";
import {
  CALLS,
  DEMO_REQUESTS,
  FORMS,
  INBOUND_REPLIES,
  PROSPECTING_EMAILS,
  WEB_PAGES,
} from "./text-activities.ts";
import { DAY_MS } from "./time.ts";

/** Sources where the lead arrives through a form (its first activity). */
const INBOUND = new Set(["website", "content", "paid_search", "webinar"]);

/** What a lead's activities are generated from. */
export interface LeadActivityInput {
  id: string;
  accountId: string | null;
  ownerId: string;
  source: string;
  /** The lead's latent buying intent. */
  intent: number;
  created: Date;
  /** The decision time of a decided lead, else the as-of date: nothing happens after it. */
  end: Date;
  /** No outbound email at or after this instant. */
  optedOutAt: Date | null;
  slots: Readonly<Record<string, string | number>>;
}

/**
 * A lead's engagement between its creation and its end, in time order: the form that created an
 * inbound lead, web visits, pricing-page views, a demo request, form fills, the rep's emails and
 * calls and the lead's reply. Volumes and recency follow `leadSignals(intent)`, scaled down for
 * leads that have had less than a month to engage.
 */
export function leadActivities(
  ctx: BlockContext,
  lead: LeadActivityInput,
): { activities: ActivityInput[]; outbound: number } {
  const { rng } = ctx;
  const { created, end } = lead;
  const spanDays = (end.getTime() - created.getTime()) / DAY_MS;
  const s = leadSignals(lead.intent);
  const f = Math.min(1, spanDays / 30);
  const at = () => new Date(end.getTime() - spanDays * DAY_MS * Math.pow(rng.float(), s.recency));
  const acts: ActivityInput[] = [];
  const base = { account_id: lead.accountId, contact_id: null, lead_id: lead.id, deal_id: null };
  const visit = (kind: "web_visit" | "pricing_page_view", when: Date) => {
    const page = kind === "pricing_page_view" ? { url: "/pricing", title: "Pricing" } : rng.pick(WEB_PAGES);
    acts.push({
      ...base,
      kind,
      direction: "inbound",
      subject: page.title,
      body: null,
      occurred_at: when,
      user_id: null,
      metadata: { url: page.url, duration_s: rng.int(10, 400) },
    });
  };
  if (INBOUND.has(lead.source)) {
    acts.push({
      ...base,
      kind: "form_fill",
      direction: "inbound",
      subject: rng.pick(FORMS),
      body: null,
      occurred_at: created,
      user_id: null,
      metadata: { source: lead.source },
    });
  }
  for (let n = rng.poisson(s.webVisits * f); n > 0; n--) visit("web_visit", at());
  for (let n = rng.poisson(s.pricingViews * f); n > 0; n--) visit("pricing_page_view", at());
  if (rng.chance(s.demoRequest * f)) {
    acts.push({
      ...base,
      kind: "demo_request",
      direction: "inbound",
      subject: "Demo request",
      body: fill(rng.pick(DEMO_REQUESTS), lead.slots),
      occurred_at: at(),
      user_id: null,
      metadata: { form: "request-demo" },
    });
  }
  if (rng.chance(s.formFill * f)) {
    acts.push({
      ...base,
      kind: "form_fill",
      direction: "inbound",
      subject: rng.pick(FORMS),
      body: null,
      occurred_at: at(),
      user_id: null,
      metadata: {},
    });
  }
  const outbound = rng.poisson(1.2 * f);
  for (let n = 0; n < outbound; n++) {
    const when = new Date(created.getTime() + rng.float() * (end.getTime() - created.getTime()));
    if (lead.optedOutAt && when >= lead.optedOutAt) continue;
    const text = render(rng, PROSPECTING_EMAILS, lead.slots);
    acts.push({
      ...base,
      kind: "email",
      direction: "outbound",
      subject: text.subject,
      body: text.body,
      occurred_at: when,
      user_id: lead.ownerId,
      metadata: { sequence: "inbound-follow-up" },
    });
  }
  if (outbound > 0 && rng.chance(s.reply)) {
    const text = render(rng, INBOUND_REPLIES, lead.slots);
    acts.push({
      ...base,
      kind: "email",
      direction: "inbound",
      subject: text.subject,
      body: text.body,
      occurred_at: at(),
      user_id: lead.ownerId,
      metadata: {},
    });
  }
  for (let n = rng.poisson(0.4 * f); n > 0; n--) {
    const text = render(rng, CALLS, lead.slots);
    acts.push({
      ...base,
      kind: "call",
      direction: "outbound",
      subject: text.subject,
      body: text.body,
      occurred_at: at(),
      user_id: lead.ownerId,
      metadata: { duration_min: rng.pick([5, 15, 30]) },
    });
  }

  acts.sort((x, y) => x.occurred_at.getTime() - y.occurred_at.getTime());
  return { activities: acts, outbound };
}
