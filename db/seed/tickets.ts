import { pickStaff, type AccountState, type BlockContext } from "./context.ts";
import { csatScore, frustratedProbability, severeTicketProbability, ticketWeight } from "./model.ts";
import type { TicketRow } from "./rows.ts";
import { fill } from "./template.ts";
import { FEATURES } from "./text-activities.ts";
import { FRUSTRATED_CLOSINGS, INTL_TICKETS } from "./text-tickets-intl.ts";
import { SLA_MINUTES, TICKET_CATEGORIES, TICKET_CHANNEL_WEIGHTS, TICKET_CHANNELS } from "./text-tickets.ts";
import { addDays, addMinutes, DAY_MS, latest } from "./time.ts";

/**
 * Tickets [from, to) of the book, spread over the block's accounts by `ticketWeight` (paying
 * accounts only, by segment and support pain), so the total is exact and pain shows in volume.
 */
export function generateTickets(ctx: BlockContext, accounts: AccountState[], from: number, to: number): void {
  if (to <= from || accounts.length === 0) return;
  let weights = accounts.map((a) => (a.paying ? ticketWeight(a.latents.pain, a.segment) : 0));
  if (weights.every((w) => w === 0)) weights = accounts.map(() => 1);
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  for (let j = from; j < to; j++) {
    const u = ctx.rng.float() * total;
    let i = 0;
    while (cumulative[i]! <= u && i < cumulative.length - 1) i++;
    generateTicket(ctx, accounts[i]!, j);
  }
}

const CATEGORY_WEIGHTS = TICKET_CATEGORIES.map((c) => c.weight);

/**
 * One ticket: priority, tone and CSAT follow the account's support pain; a cancellation request
 * is more likely in the 90 days before a churn. Response and resolution times are drawn around
 * the priority's SLA (about one in eight first responses breaches it); anything that would fall
 * after the as-of date has not happened yet, so the ticket is still open or pending.
 */
function generateTicket(ctx: BlockContext, a: AccountState, j: number): void {
  const { rng, ids, plan, book } = ctx;
  const start = latest(a.customerSince ?? a.row.created_at, addDays(plan.asOf, -365)).getTime();
  const end = a.end.getTime();
  // a support backlog: one ticket in eight is from the last two weeks of the account's window
  const recentFrom = Math.max(start, end - 14 * DAY_MS);
  const created = new Date(
    rng.chance(0.12)
      ? recentFrom + rng.float() * (end - recentFrom)
      : start + rng.float() * Math.max(0, end - start),
  );
  const { pain } = a.latents;
  const churnSoon = a.churned && end - created.getTime() < 90 * DAY_MS;
  const category = rng.weighted(
    TICKET_CATEGORIES,
    TICKET_CATEGORIES.map((c, i) =>
      churnSoon && c.name === "cancellation" ? 6 * CATEGORY_WEIGHTS[i]! : c.weight,
    ),
  );
  const severe = rng.chance(severeTicketProbability(pain));
  const priority: TicketRow["priority"] = severe
    ? rng.chance(0.25)
      ? "critical"
      : "high"
    : rng.chance(0.65)
      ? "medium"
      : "low";
  const frustrated = rng.chance(frustratedProbability(pain));
  const language = a.country.language !== "en" && rng.chance(0.75) ? a.country.language : "en";
  const contact = a.contacts.length > 0 ? rng.pick(a.contacts) : undefined;
  const slots = {
    first: contact?.first_name ?? "",
    feature: rng.pick(FEATURES),
    seats: a.row.seats_purchased ?? 10,
    code: `E-${rng.int(1000, 9999)}`,
    invoice: `INV-${rng.int(100000, 999999)}`,
  };
  let subject: string;
  let body: string;
  if (language === "en") {
    const t = rng.pick(frustrated ? category.frustrated : category.neutral);
    [subject, body] = [fill(t.subject, slots), fill(t.body, slots)];
  } else {
    const t = INTL_TICKETS[language]![category.name]!;
    [subject, body] = [fill(t.subject, slots), fill(t.body, slots)];
    if (frustrated) body = `${body} ${FRUSTRATED_CLOSINGS[language]}`;
  }
  const [slaFirst, slaResolve] = SLA_MINUTES[priority]!;
  const firstMinutes = slaFirst * rng.logNormal(Math.log(0.45), 0.7);
  const resolveMinutes = Math.max(firstMinutes, slaResolve * rng.logNormal(Math.log(0.5), 0.8));
  const firstResponse = addMinutes(created, firstMinutes);
  const resolved = addMinutes(created, resolveMinutes);
  const responded = firstResponse <= plan.asOf;
  // some tickets wait on the customer or another team long after their first response
  const stuck = rng.chance(0.04);
  const done = resolved <= plan.asOf && !stuck;
  const status: TicketRow["status"] = done
    ? resolved < addDays(plan.asOf, -7) && rng.chance(0.7)
      ? "closed"
      : "resolved"
    : responded
      ? rng.weighted(["pending", "on_hold", "open"] as const, [50, 15, 35])
      : "open";
  const breached = firstMinutes > slaFirst || resolveMinutes > slaResolve;
  const assignee = responded ? pickStaff(book, rng, "support") : null;
  ctx.out.tickets.push({
    id: ids.uuid(),
    tenant_id: plan.tenantId,
    external_id: `${plan.tag}-T${String(j + 1).padStart(7, "0")}`,
    account_id: a.row.id,
    contact_id: contact?.id ?? null,
    subject,
    body,
    channel: rng.weighted(TICKET_CHANNELS, TICKET_CHANNEL_WEIGHTS),
    language,
    status,
    priority,
    queue: category.queue,
    category: category.name,
    assignee_id: assignee?.id ?? null,
    created_at: created,
    first_response_at: responded ? firstResponse : null,
    resolved_at: done ? resolved : null,
    sla_first_response_minutes: slaFirst,
    sla_resolution_minutes: slaResolve,
    csat: done && rng.chance(0.55) ? csatScore(pain, breached, rng.normal()) : null,
    attributes: {},
    updated_at: done ? resolved : responded ? firstResponse : created,
  });
}
