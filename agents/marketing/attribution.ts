/** A campaign touch of one of a won deal's account contacts, before the deal closed. */
export interface Touch {
  member_id: string;
  campaign_id: string;
  campaign_name: string;
  campaign_kind: string;
  contact_id: string;
  touched_at: string;
}

/** A won deal with its touches (the marketing_attribution tool). */
export interface WonDeal {
  deal_id: string;
  name: string;
  account_id: string | null;
  amount: number;
  closed_at: string;
  touches: Touch[];
}

/** What one campaign is credited with, under each model, over all won deals. */
export interface CampaignCredit {
  campaign_id: string;
  name: string;
  kind: string;
  /** Won deals with at least one touch of this campaign. */
  deals_touched: number;
  first_touch: number;
  last_touch: number;
  linear: number;
}

/** Attribution of a period's won deals to the campaigns that touched them. */
export interface AttributionReport {
  won_deals: number;
  won_amount: number;
  /** Won deals with at least one touch; their amount is what each model distributes. */
  attributed_deals: number;
  attributed_amount: number;
  /** Campaigns by linear credit, largest first. Each model's credits sum to attributed_amount. */
  campaigns: CampaignCredit[];
}

interface Tally {
  name: string;
  kind: string;
  deals: number;
  first: number;
  last: number;
  linear: number;
}

const byTime = (a: Touch, b: Touch) =>
  a.touched_at < b.touched_at ? -1 : a.touched_at > b.touched_at ? 1 : a.member_id < b.member_id ? -1 : 1;

/**
 * Credits won deals to campaigns, in whole cents so every model's credits sum exactly to the
 * amount won: **first touch** gives a deal's amount to its earliest touch's campaign, **last
 * touch** to its latest, **linear** splits it evenly over all its touches (a campaign that touched
 * twice gets two shares; leftover cents go to the earliest touches). Touches are ordered by time,
 * then member id. Fed page by page; deals without touches stay unattributed.
 */
export class AttributionLedger {
  private readonly tallies = new Map<string, Tally>();
  private won = { deals: 0, cents: 0, attributedDeals: 0, attributedCents: 0 };

  add(deals: readonly WonDeal[]): void {
    for (const deal of deals) {
      const cents = Math.round(deal.amount * 100);
      this.won.deals += 1;
      this.won.cents += cents;
      if (deal.touches.length === 0) continue;
      this.won.attributedDeals += 1;
      this.won.attributedCents += cents;
      const touches = [...deal.touches].sort(byTime);
      this.tally(touches[0]!).first += cents;
      this.tally(touches[touches.length - 1]!).last += cents;
      const share = Math.floor(cents / touches.length);
      const extra = cents - share * touches.length;
      touches.forEach((t, i) => (this.tally(t).linear += share + (i < extra ? 1 : 0)));
      for (const id of new Set(touches.map((t) => t.campaign_id))) this.tallies.get(id)!.deals += 1;
    }
  }

  report(): AttributionReport {
    const money = (cents: number) => cents / 100;
    return {
      won_deals: this.won.deals,
      won_amount: money(this.won.cents),
      attributed_deals: this.won.attributedDeals,
      attributed_amount: money(this.won.attributedCents),
      campaigns: [...this.tallies.entries()]
        .map(([campaign_id, t]) => ({
          campaign_id,
          name: t.name,
          kind: t.kind,
          deals_touched: t.deals,
          first_touch: money(t.first),
          last_touch: money(t.last),
          linear: money(t.linear),
        }))
        .sort((a, b) => b.linear - a.linear || (a.campaign_id < b.campaign_id ? -1 : 1)),
    };
  }

  private tally(t: Touch): Tally {
    let tally = this.tallies.get(t.campaign_id);
    if (!tally) {
      tally = { name: t.campaign_name, kind: t.campaign_kind, deals: 0, first: 0, last: 0, linear: 0 };
      this.tallies.set(t.campaign_id, tally);
    }
    return tally;
  }
}

/** Readable lines of a report, for the run's summary. */
export function formatAttribution(r: AttributionReport, top = 10): string[] {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  const lines = [
    `attribution: ${r.won_deals} won deals worth ${n(r.won_amount)}; ${r.attributed_deals} touched by campaigns (${n(r.attributed_amount)})`,
  ];
  for (const c of r.campaigns.slice(0, top))
    lines.push(
      `  ${c.name} [${c.kind}]: first ${n(c.first_touch)}, last ${n(c.last_touch)}, linear ${n(c.linear)} (${c.deals_touched} deal${c.deals_touched === 1 ? "" : "s"})`,
    );
  return lines;
}
