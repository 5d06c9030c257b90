import { emailable } from "./contacts.ts";
import type { AccountState, BlockContext } from "./context.ts";
import { engagementRates } from "./model.ts";
import type { ActivityKind, ActivityRow, ContactRow } from "./rows.ts";
import { render, fill } from "./template.ts";
import {
  CALLS,
  CUSTOMER_EMAILS,
  FEATURES,
  GOALS,
  GOOD_NOTES,
  INBOUND_REPLIES,
  MEETINGS,
  NEXT_STEPS,
  PAINS,
  PRODUCT,
  PROSPECTING_EMAILS,
  RISK_NOTES,
  RISKY_REPLIES,
  WEB_PAGES,
} from "./text-activities.ts";
import { addDays, DAY_MS, latest } from "./time.ts";

/** The fields of an activity other than its ids; `seq` numbers it within its parent. */
export type ActivityInput = Omit<ActivityRow, "id" | "tenant_id" | "external_id">;

/**
 * Appends an activity whose external id is the parent's plus `-E<n>`. The keys are listed in
 * column order on purpose: bulkInsert takes its column list from the first row, and every
 * distinct column order is another prepared statement on the connection.
 */
export function pushActivity(
  ctx: BlockContext,
  parentExternalId: string,
  seq: number,
  a: ActivityInput,
): void {
  ctx.out.activities.push({
    id: ctx.ids.uuid(),
    tenant_id: ctx.plan.tenantId,
    external_id: `${parentExternalId}-E${seq}`,
    kind: a.kind,
    direction: a.direction,
    subject: a.subject,
    body: a.body,
    occurred_at: a.occurred_at,
    account_id: a.account_id,
    contact_id: a.contact_id,
    lead_id: a.lead_id,
    deal_id: a.deal_id,
    user_id: a.user_id,
    metadata: a.metadata,
  });
}

/** Slots for the text templates of one account and contact. */
export function textSlots(ctx: BlockContext, a: AccountState, contact: ContactRow | undefined, rep: string) {
  const { rng } = ctx;
  return {
    first: contact?.first_name ?? "there",
    rep: rep.split(" ")[0]!,
    company: a.row.name,
    product: PRODUCT,
    pain: rng.pick(PAINS),
    goal: rng.pick(GOALS),
    feature: rng.pick(FEATURES),
    next: rng.pick(NEXT_STEPS),
    seats: a.row.seats_purchased ?? Math.max(5, Math.round(a.row.employees / 10)),
  };
}

const CUSTOMER_KINDS: readonly [string, number][] = [
  ["email_out", 30],
  ["email_in", 15],
  ["call", 15],
  ["meeting", 12],
  ["note", 10],
  ["web_visit", 18],
];
const PROSPECT_KINDS: readonly [string, number][] = [
  ["email_out", 40],
  ["email_in", 5],
  ["call", 20],
  ["web_visit", 25],
  ["pricing_page_view", 10],
];

/**
 * The account's own activity over its last 12 months (or since it was created), ending at churn.
 * Volume before the last 90 days and within them both follow the relationship latent; a weak
 * relationship goes quiet recently and leaves risk notes and hesitant replies behind.
 */
export function generateAccountActivities(ctx: BlockContext, a: AccountState): void {
  const { rng, plan } = ctx;
  const start = latest(a.customerSince ?? a.row.created_at, addDays(plan.asOf, -365)).getTime();
  const end = a.end.getTime();
  if (end <= start) return;
  const recentStart = Math.max(start, end - 90 * DAY_MS);
  const rates = engagementRates(a.latents.bond, a.segment);
  const earlier = rng.poisson((rates.earlier * (recentStart - start)) / (275 * DAY_MS));
  const recent = rng.poisson((rates.recent * (end - recentStart)) / (90 * DAY_MS));
  const kinds = a.paying ? CUSTOMER_KINDS : PROSPECT_KINDS;
  const atRisk = a.latents.bond + a.latents.health < -0.5;
  for (let n = 0; n < earlier + recent; n++) {
    const t =
      n < earlier
        ? start + rng.float() * (recentStart - start)
        : recentStart + rng.float() * (end - recentStart);
    const at = new Date(t);
    let kind = rng.weighted(
      kinds.map((k) => k[0]),
      kinds.map((k) => k[1]),
    );
    const contact = a.contacts.length > 0 ? rng.pick(a.contacts) : undefined;
    if (kind === "email_out" && contact && !emailable(contact, at)) kind = "call";
    const slots = textSlots(ctx, a, contact, a.owner.name);
    const base = { occurred_at: at, account_id: a.row.id, lead_id: null, deal_id: null, user_id: a.owner.id };
    let input: ActivityInput;
    if (kind === "web_visit" || kind === "pricing_page_view") {
      const page = kind === "web_visit" ? rng.pick(WEB_PAGES) : { url: "/pricing", title: "Pricing" };
      input = {
        ...base,
        kind: kind as ActivityKind,
        direction: "inbound",
        subject: page.title,
        body: null,
        contact_id: null,
        user_id: null,
        metadata: { url: page.url, duration_s: rng.int(10, 400) },
      };
    } else if (kind === "note") {
      const text = fill(rng.pick(atRisk && rng.chance(0.7) ? RISK_NOTES : GOOD_NOTES), slots);
      input = {
        ...base,
        kind: "note",
        direction: null,
        subject: "Account note",
        body: text,
        contact_id: contact?.id ?? null,
        metadata: {},
      };
    } else {
      const templates =
        kind === "email_out"
          ? a.paying
            ? CUSTOMER_EMAILS
            : PROSPECTING_EMAILS
          : kind === "email_in"
            ? atRisk && rng.chance(0.6)
              ? RISKY_REPLIES
              : INBOUND_REPLIES
            : kind === "call"
              ? CALLS
              : MEETINGS;
      const text = render(rng, templates, slots);
      const isMeeting = kind === "meeting";
      input = {
        ...base,
        kind: kind === "email_out" || kind === "email_in" ? "email" : (kind as ActivityKind),
        direction: kind === "email_in" ? "inbound" : "outbound",
        subject: text.subject,
        body: text.body,
        contact_id: contact?.id ?? null,
        metadata:
          isMeeting || kind === "call"
            ? { duration_min: rng.pick([15, 30, 45, 60]) }
            : { opened: rng.chance(0.5) },
      };
    }
    pushActivity(ctx, a.row.external_id, n + 1, input);
  }
}
