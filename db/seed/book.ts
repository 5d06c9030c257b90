import { generateBlock } from "./block.ts";
import { generateCampaigns } from "./campaigns.ts";
import { buildStaff, type BookContext } from "./context.ts";
import { generateKbArticles } from "./kb.ts";
import { BLOCK_ACCOUNTS, planBook, SEED_DEFAULTS, type BookOptions, type BookPlan } from "./options.ts";
import { Rng } from "./random.ts";
import { emptyBook, type BookRows } from "./rows.ts";
import { generateUsers } from "./users.ts";

/** The book-wide rows (users, campaigns, help articles) and the context every block reads. */
export function generateGlobals(plan: BookPlan): { context: BookContext; rows: BookRows } {
  const rng = Rng.from(`content/${plan.seed}/global`);
  const ids = Rng.from(`ids/${plan.tenantId}/${plan.tag}/global`);
  const rows = emptyBook();
  rows.users = generateUsers(plan, rng, ids);
  const campaigns = generateCampaigns(plan, rng, ids);
  rows.campaigns = campaigns.map((c) => c.row);
  rows.kb_articles = generateKbArticles(plan, rng, ids);
  const context: BookContext = {
    plan,
    staff: buildStaff(rows.users),
    liveCampaigns: campaigns.filter((c) => c.row.started_at !== null && c.row.started_at < plan.asOf),
  };
  return { context, rows };
}

/** Blocks [fromBlock, toBlock) — accounts fromBlock×100 up to toBlock×100 — and all their rows. */
export function generateChunk(context: BookContext, fromBlock: number, toBlock: number): BookRows {
  const out = emptyBook();
  for (let b = fromBlock; b < toBlock; b++) generateBlock(context, b, out);
  return out;
}

/** Blocks per chunk for a requested number of accounts per chunk (at least one block). */
export function blocksPerChunk(chunkAccounts: number = SEED_DEFAULTS.chunkAccounts): number {
  return Math.max(1, Math.ceil(chunkAccounts / BLOCK_ACCOUNTS));
}

/**
 * Generates a book in memory, without a database: first the book-wide rows, then one part per
 * chunk of accounts. Pure and deterministic — the same options give the same rows, ids included,
 * whatever the chunk size.
 */
export function* generateBook(
  options: BookOptions,
  chunkAccounts: number = SEED_DEFAULTS.chunkAccounts,
): Generator<BookRows, void, undefined> {
  const plan = planBook(options);
  const { context, rows } = generateGlobals(plan);
  yield rows;
  const step = blocksPerChunk(chunkAccounts);
  for (let b = 0; b < plan.blocks; b += step)
    yield generateChunk(context, b, Math.min(plan.blocks, b + step));
}
