import { becomeCustomer, draftAccount, drawTenureMonths } from "./accounts.ts";
import { generateAccountActivities } from "./activities.ts";
import { touchAudience } from "./campaigns.ts";
import { generateContacts } from "./contacts.ts";
import type { AccountState, BlockContext, BookContext } from "./context.ts";
import { generateDeal } from "./deals.ts";
import { generateLead } from "./leads.ts";
import type { Segment } from "./model.ts";
import { BLOCK_ACCOUNTS, blockShare } from "./options.ts";
import { Rng } from "./random.ts";
import type { BookRows } from "./rows.ts";
import { generateTickets } from "./tickets.ts";
import { addDays, addMonths, latest } from "./time.ts";
import { generateUsage } from "./usage.ts";

/** Expected new-business deals per prospect, and expansion deals per customer by segment. */
const PROSPECT_DEALS = 0.8;
const EXPANSION_DEALS: Record<Segment, number> = { smb: 0.3, "mid-market": 0.5, enterprise: 0.9 };
/** Deals are created in the last 14 months. */
const DEAL_WINDOW_DAYS = 420;

/**
 * Generates block `b` (accounts b×100 … b×100+99) with every child row, its share of the leads
 * and tickets, and its people's campaign touches, appending to `out`. Content comes from a stream
 * keyed by (seed, block) and ids from one keyed by (tenant, book tag, block), so a block's rows
 * are the same whichever chunk it is generated in.
 */
export function generateBlock(book: BookContext, b: number, out: BookRows): void {
  const plan = book.plan;
  const ctx: BlockContext = {
    book,
    plan,
    rng: Rng.from(`content/${plan.seed}/block/${b}`),
    ids: Rng.from(`ids/${plan.tenantId}/${plan.tag}/block/${b}`),
    out,
  };
  const accounts: AccountState[] = [];
  const last = Math.min(plan.accounts, (b + 1) * BLOCK_ACCOUNTS);
  for (let i = b * BLOCK_ACCOUNTS; i < last; i++) accounts.push(generateAccount(ctx, i));
  const [t0, t1] = blockShare(plan, plan.tickets, b);
  generateTickets(ctx, accounts, t0, t1);
  const [l0, l1] = blockShare(plan, plan.leads, b);
  for (let j = l0; j < l1; j++) {
    generateLead(ctx, j, accounts[Math.floor(((j - l0) * accounts.length) / (l1 - l0))]!);
  }
}

/**
 * One account and its own rows. A prospect works its new-business deals first and becomes a
 * customer when one is won; a customer from the start gets its tenure, renewal decision and
 * expansion deals. Then its usage, activities and its contacts' campaign touches.
 */
function generateAccount(ctx: BlockContext, index: number): AccountState {
  const { rng, plan } = ctx;
  const a = draftAccount(ctx, index);
  const windowStart = addDays(plan.asOf, -DEAL_WINDOW_DAYS);
  let seq = 0;
  if (a.paying) {
    const since = addDays(addMonths(plan.asOf, -drawTenureMonths(rng)), -rng.int(0, 27));
    a.row.created_at = addDays(since, -rng.int(20, 150));
    becomeCustomer(ctx, a, since);
    generateContacts(ctx, a);
    const from = latest(addDays(since, 30), windowStart);
    for (let n = rng.poisson(EXPANSION_DEALS[a.segment]); n > 0; n--)
      generateDeal(ctx, a, ++seq, from, a.end);
  } else {
    generateContacts(ctx, a);
    let wonAt: Date | null = null;
    for (let n = rng.poisson(PROSPECT_DEALS); n > 0; n--) {
      const won = generateDeal(ctx, a, ++seq, latest(a.row.created_at, windowStart), plan.asOf);
      if (won && (!wonAt || won < wonAt)) wonAt = won;
    }
    if (wonAt) becomeCustomer(ctx, a, wonAt);
  }
  a.row.updated_at = a.churned ? a.end : addDays(plan.asOf, -rng.int(0, 30));
  if (a.row.updated_at < a.row.created_at) a.row.updated_at = a.row.created_at;
  ctx.out.accounts.push(a.row);
  generateUsage(ctx, a);
  generateAccountActivities(ctx, a);
  for (const c of a.contacts) {
    touchAudience(ctx, {
      contactId: c.id,
      leadId: null,
      createdAt: c.created_at,
      propensity: a.latents.bond + 0.5 * rng.normal(),
      reachableUntil: c.opted_out_at ?? a.end,
      rate: 0.4,
    });
  }
  return a;
}
