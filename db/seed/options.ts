import { SeedOptionsError } from "./errors.ts";
import { isoDate } from "./time.ts";

/** Defaults of a generated book: the demo tenant's book. */
export const SEED_DEFAULTS = {
  accounts: 200,
  seed: 42,
  /** Every timestamp is relative to this instant, never to the wall clock. */
  asOf: "2026-11-01T00:00:00Z",
  /** Accounts generated and written per transaction (rounded up to whole blocks). */
  chunkAccounts: 2_000,
} as const;

/**
 * How the other tables scale with the number of accounts. Counts with ~ are averages of
 * the generative model (they depend on each account's segment and latent propensities); the
 * others are exact.
 *
 * Per account, on average (measured on 100,000 accounts, seed 42; 39 rows per account in all):
 * ~3.1 contacts (2 smb / 4 mid-market / 7 enterprise), ~0.5 deals with ~3.9 stage-history rows
 * and ~1.6 people each, ~15 activities (the account's own, its deals' and its leads'), up to 15
 * monthly usage rows per paying account (~8.8), ~1.1 campaign memberships, and ~3.2 outcomes (one
 * per decided renewal, decided lead, closed deal and campaign-touched person).
 */
export const RATIOS = {
  /** users = max(minUsers, accounts × usersPerAccount): one person per 40 accounts. */
  usersPerAccount: 1 / 40,
  minUsers: 16,
  /** leads = accounts × 2 (exact; `leads` overrides). */
  leadsPerAccount: 2,
  /** tickets = accounts × 1.5 (exact; `tickets` overrides), spread over paying accounts by support pain. */
  ticketsPerAccount: 1.5,
  /** campaigns = max(minCampaigns, accounts / 500). */
  campaignsPerAccount: 1 / 500,
  minCampaigns: 8,
  /** Months of product usage kept per account, ending with the as-of month. */
  usageMonths: 15,
  /** Renewals in the last 12 months are decided (renewed or churned) and recorded as outcomes. */
  decisionWindowMonths: 12,
} as const;

/**
 * Accounts are generated in blocks of this size from one random stream per block; chunks are
 * whole blocks, so the rows do not depend on the chunk size.
 */
export const BLOCK_ACCOUNTS = 100;

/** What defines a book: the same options always generate the same rows, ids included. */
export interface BookOptions {
  /** The tenant the rows belong to (ids are derived from it, so two tenants never share ids). */
  tenantId: string;
  /** Number of accounts (default 200). */
  accounts?: number;
  /** Number of leads (default accounts × 2). */
  leads?: number;
  /** Number of support tickets (default accounts × 1.5). */
  tickets?: number;
  /** Random seed, a whole number (default 42). */
  seed?: number;
  /** The instant the book is "as of" (default 2026-11-01T00:00:00Z). */
  asOf?: Date | string;
}

/** Resolved book options with every derived count. */
export interface BookPlan {
  tenantId: string;
  seed: number;
  asOf: Date;
  accounts: number;
  leads: number;
  tickets: number;
  users: number;
  campaigns: number;
  /** Prefix of every external id, e.g. `s42-20261101`: one book per (seed, as-of) in a tenant. */
  tag: string;
  /** Number of account blocks. */
  blocks: number;
}

export function planBook(options: BookOptions): BookPlan {
  const accounts = options.accounts ?? SEED_DEFAULTS.accounts;
  const seed = options.seed ?? SEED_DEFAULTS.seed;
  const asOf = new Date(options.asOf ?? SEED_DEFAULTS.asOf);
  if (!Number.isSafeInteger(accounts) || accounts < 1) {
    throw new SeedOptionsError(`accounts must be a whole number ≥ 1, got ${accounts}`);
  }
  if (!Number.isSafeInteger(seed)) throw new SeedOptionsError(`seed must be a whole number, got ${seed}`);
  if (Number.isNaN(asOf.getTime())) throw new SeedOptionsError(`asOf is not a date: ${String(options.asOf)}`);
  const leads = options.leads ?? Math.round(accounts * RATIOS.leadsPerAccount);
  const tickets = options.tickets ?? Math.round(accounts * RATIOS.ticketsPerAccount);
  for (const [name, n] of [
    ["leads", leads],
    ["tickets", tickets],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new SeedOptionsError(`${name} must be a whole number ≥ 0, got ${n}`);
  }
  return {
    tenantId: options.tenantId,
    seed,
    asOf,
    accounts,
    leads,
    tickets,
    users: Math.max(RATIOS.minUsers, Math.round(accounts * RATIOS.usersPerAccount)),
    campaigns: Math.max(RATIOS.minCampaigns, Math.round(accounts * RATIOS.campaignsPerAccount)),
    tag: `s${seed}-${isoDate(asOf).replaceAll("-", "")}`,
    blocks: Math.ceil(accounts / BLOCK_ACCOUNTS),
  };
}

/** The share [from, to) of `total` that belongs to block `b`: exact totals, split by account range. */
export function blockShare(plan: BookPlan, total: number, b: number): [number, number] {
  const a0 = b * BLOCK_ACCOUNTS;
  const a1 = Math.min(plan.accounts, a0 + BLOCK_ACCOUNTS);
  return [Math.floor((a0 * total) / plan.accounts), Math.floor((a1 * total) / plan.accounts)];
}
