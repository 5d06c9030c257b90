import type { Sql } from "../../db/index.ts";
import type { SalesBook } from "./sales-book.ts";

/** The instant the sales book is "as of"; tests pin the clock to it. */
export const SALES_AS_OF = new Date("2026-11-01T12:00:00Z");

/** Helpers of the sales book: times before SALES_AS_OF, and the id of a one-row insert. */
export const at = (hoursAgo: number) => new Date(SALES_AS_OF.getTime() - hoursAgo * 3_600_000);
export const daysAgo = (days: number) => at(days * 24);
export const one = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;

/** 24 closed deals through discovery (4 days) and proposal (10 days), every other one won (10,000). */
export async function writeClosedDeals(sql: Sql, t: string, owner: string, acme: string): Promise<void> {
  for (let i = 0; i < 24; i++) {
    const won = i % 2 === 0;
    const start = daysAgo(300 - i * 10);
    const proposal = new Date(start.getTime() + 4 * 86_400_000);
    const closed = new Date(proposal.getTime() + 10 * 86_400_000);
    const id = await one(sql`
      INSERT INTO deals (tenant_id, account_id, owner_id, name, stage, status, amount, created_at, stage_entered_at, closed_at)
      VALUES (${t}, ${acme}, ${owner}, ${`Closed ${i}`}, ${won ? "closed_won" : "closed_lost"}, ${won ? "won" : "lost"},
              ${won ? 10_000 : 5_000}, ${start}, ${closed}, ${closed}) RETURNING id`);
    await sql`INSERT INTO deal_stage_history (tenant_id, deal_id, stage, entered_at, exited_at) VALUES
                (${t}, ${id}, 'discovery', ${start}, ${proposal}), (${t}, ${id}, 'proposal', ${proposal}, ${closed}),
                (${t}, ${id}, ${won ? "closed_won" : "closed_lost"}, ${closed}, NULL)`;
  }
}

/** [key, account, owner, name, stage, days in stage, amount, next step, due, original close, expected close, people] */
const OPEN_DEALS = [
  [
    "stalled",
    "acme",
    "rita",
    "Acme platform",
    "proposal",
    40,
    100_000,
    "Send revised quote",
    "2026-11-06",
    "2026-12-15",
    "2026-12-15",
    ["carla", "otto"],
  ],
  [
    "single",
    "bolt",
    "sam",
    "Bolt starter",
    "discovery",
    2,
    20_000,
    "Pricing call",
    "2026-11-04",
    "2026-11-30",
    "2026-11-30",
    ["bert"],
  ],
  [
    "noStep",
    "acme",
    "rita",
    "Acme add-on",
    "negotiation",
    3,
    50_000,
    null,
    null,
    "2026-11-20",
    "2026-12-20",
    ["carla", "nina"],
  ],
  [
    "optedOutStall",
    "acme",
    "rita",
    "Acme services",
    "proposal",
    30,
    40_000,
    "Review SOW",
    "2026-11-03",
    "2027-01-15",
    "2027-01-15",
    ["otto", "nina"],
  ],
  [
    "past",
    "acme",
    "rita",
    "Acme renewal",
    "proposal",
    5,
    30_000,
    "Sign",
    "2026-11-02",
    "2026-10-20",
    "2026-10-25",
    ["carla", "nina"],
  ],
] as const;

/** The book's open deals (see writeSalesBook), each with its stage row and people. */
export async function writeOpenDeals(
  sql: Sql,
  t: string,
  users: SalesBook["users"],
  accounts: SalesBook["accounts"],
  contacts: SalesBook["contacts"],
): Promise<SalesBook["deals"]> {
  const deals: Record<string, string> = {};
  for (const [
    key,
    account,
    owner,
    name,
    stage,
    days,
    amount,
    next,
    due,
    original,
    expected,
    people,
  ] of OPEN_DEALS) {
    const entered = daysAgo(days);
    const id = await one(sql`
      INSERT INTO deals (tenant_id, account_id, owner_id, name, stage, amount, next_step, next_step_due, original_close,
                         expected_close, created_at, stage_entered_at)
      VALUES (${t}, ${accounts[account]}, ${users[owner]}, ${name}, ${stage}, ${amount}, ${next}, ${due}, ${original},
              ${expected}, ${daysAgo(days + 20)}, ${entered}) RETURNING id`);
    await sql`INSERT INTO deal_stage_history (tenant_id, deal_id, stage, entered_at) VALUES (${t}, ${id}, ${stage}, ${entered})`;
    for (const person of people)
      await sql`INSERT INTO deal_contacts (tenant_id, deal_id, contact_id, role)
                VALUES (${t}, ${id}, ${contacts[person]}, ${person === "carla" ? "champion" : "influencer"})`;
    deals[key] = id;
  }
  return deals as SalesBook["deals"];
}
