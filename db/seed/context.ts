import type { AccountLatents, Segment } from "./model.ts";
import type { Country } from "./names.ts";
import type { BookPlan } from "./options.ts";
import type { Rng } from "./random.ts";
import type { AccountRow, BookRows, CampaignRow, ContactRow, UserRow } from "./rows.ts";

/** A campaign with the hidden quality that shifts its response rate. */
export interface CampaignInfo {
  row: CampaignRow;
  quality: number;
  /** Members are touched between started_at and this instant (ended_at, or the as-of date). */
  touchEnd: Date;
}

/** What every block needs from the book-wide rows: the team and the campaigns. */
export interface BookContext {
  plan: BookPlan;
  /** Active people by role and territory, for owners and assignees. */
  staff: Map<string, UserRow[]>;
  /** Campaigns that have started by the as-of date (drafts take no members). */
  liveCampaigns: CampaignInfo[];
}

/** The state of one block's generation: its random streams and its output. */
export interface BlockContext {
  book: BookContext;
  plan: BookPlan;
  /** Content stream: depends on the seed and the block only (not the tenant). */
  rng: Rng;
  /** Id stream: depends on the tenant, the book tag and the block. */
  ids: Rng;
  out: BookRows;
}

/** An account with what its child rows need to know: latents, timeline and people. */
export interface AccountState {
  index: number;
  row: AccountRow;
  segment: Segment;
  country: Country;
  latents: AccountLatents;
  contacts: ContactRow[];
  /** A paying customer at some point (lifecycle onboarding, customer or churned). */
  paying: boolean;
  customerSince: Date | null;
  /** The renewal decided in the last 12 months, if any. */
  decisionAt: Date | null;
  churned: boolean;
  /** Nothing happens at the account after this instant (the churn date, else the as-of date). */
  end: Date;
  /** The rep who sells to the account (its owner while a prospect). */
  rep: UserRow;
  /** The owner: the rep while a prospect, customer success once paying. */
  owner: UserRow;
}

export function staffKey(role: UserRow["role"], territory: string): string {
  return `${role}/${territory}`;
}

export function buildStaff(users: UserRow[]): Map<string, UserRow[]> {
  const staff = new Map<string, UserRow[]>();
  const add = (key: string, u: UserRow) => {
    const list = staff.get(key);
    if (list) list.push(u);
    else staff.set(key, [u]);
  };
  for (const u of users) {
    if (!u.active) continue;
    add(u.role, u);
    for (const t of u.territories) add(staffKey(u.role, t), u);
  }
  return staff;
}

/**
 * An active person of `role` covering `territory`, else any active person of that role, else any
 * rep (every book has at least one active person per role, so the last fallback is theoretical).
 */
export function pickStaff(book: BookContext, rng: Rng, role: UserRow["role"], territory?: string): UserRow {
  const local = territory ? book.staff.get(staffKey(role, territory)) : undefined;
  const pool = local ?? book.staff.get(role) ?? book.staff.get("rep")!;
  return rng.pick(pool);
}
