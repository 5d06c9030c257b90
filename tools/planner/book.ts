import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { batchEntities, bookIds } from "../../db/queries/plans.ts";
import { defineTool } from "../run.ts";

/** A slice of the book one proposal batch works on. */
export interface BookBatch {
  /** Accounts of the batch: their leads, deals, customers and contacts. */
  account_ids: string[];
  /** Open leads without an account (batched on their own). */
  lead_ids: string[];
}

/**
 * The tenant's book cut into batches: accounts in id order, `batch_size` per batch, then the open
 * leads that have no account, `batch_size` per batch. Every entity lands in exactly one batch.
 */
export const plannerBookBatches = defineTool({
  name: "planner_book_batches",
  description: "The tenant's book (accounts, then open leads without an account) cut into batches of ids.",
  kind: "read",
  input: z.object({
    batch_size: z.number().int().min(1).max(1000).describe("Accounts (or account-less leads) per batch."),
  }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const { accounts, leads } = await bookIds(tx, ctx.tenantId);
      const batches: BookBatch[] = [];
      for (let i = 0; i < accounts.length; i += args.batch_size)
        batches.push({ account_ids: accounts.slice(i, i + args.batch_size), lead_ids: [] });
      for (let i = 0; i < leads.length; i += args.batch_size)
        batches.push({ account_ids: [], lead_ids: leads.slice(i, i + args.batch_size) });
      return { batches };
    }),
});

const ids = (what: string) => z.array(z.guid()).max(1000).default([]).describe(what);

/** The open leads and deals of a batch, for the sales proposal step's batched reads. */
export const plannerBatchEntities = defineTool({
  name: "planner_batch_entities",
  description: "The open leads and open deals of a batch's accounts, plus the batch's account-less leads.",
  kind: "read",
  input: z.object({
    account_ids: ids("The batch's accounts (uuids)."),
    lead_ids: ids("The batch's open leads without an account (uuids)."),
  }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, (tx) =>
      batchEntities(tx, ctx.tenantId, args.account_ids, args.lead_ids).then((r) => ({
        lead_ids: r.leadIds,
        deal_ids: r.dealIds,
      })),
    ),
});
