import { z } from "zod";
import { accountSignalsAt, type AccountSignals } from "../../agents/scoring/data/account-signals.ts";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";
import {
  csAccounts,
  csContacts,
  csHealthHistory,
  csLastDrafts,
  csOpenTickets,
  type CsAccount,
  type CsContact,
  type CsHealthPoint,
  type CsLastDraft,
  type CsOpenTicket,
} from "./cs-account-context.ts";

export type { CsAccount, CsContact, CsHealthPoint, CsLastDraft, CsOpenTicket };

/** Everything the customer-success agent reasons over for one account, as plain JSON. */
export interface CsAccountSnapshot {
  account: CsAccount;
  /** Point-in-time signals as of `as_of` (default the tool's clock), with the ids behind them. */
  signals: AccountSignals;
  contacts: CsContact[];
  open_tickets: CsOpenTicket[];
  /** Earlier health scores, newest first (this run's own left out, so a retry sees the same). */
  health_history: CsHealthPoint[];
  last_draft: CsLastDraft | null;
}

const input = z.object({
  account_ids: z
    .array(z.guid())
    .min(1)
    .max(500)
    .optional()
    .describe("These accounts (any lifecycle stage); omit to page through the tenant's customers."),
  after: z
    .guid()
    .optional()
    .describe("Paging cursor: customers with an id after this one (the previous page's next_cursor)."),
  limit: limit(200, 500, "accounts per page"),
  as_of: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      "The instant the signals are cut at (ISO 8601); default now. A run pins it so a retry sees the same.",
    ),
  history: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe("Earlier health scores returned per account (1–10)."),
});

/**
 * Customer-success signals for many accounts at once: one page of the tenant's customers
 * (lifecycle customer or onboarding, by id) or the given accounts, each with its point-in-time
 * signals, contacts (with consent), open tickets (with triage), health history and last draft.
 */
export const csAccountSignals = defineTool({
  name: "cs_account_signals",
  description:
    "A page of customer accounts (or the given ones) with usage trend, seat use, tickets, engagement, " +
    "deals, contacts with consent, open tickets with triage, earlier health scores and the latest draft.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      let ids: string[];
      let nextCursor: string | null = null;
      if (args.account_ids) {
        ids = [...new Set(args.account_ids.map((id) => id.toLowerCase()))];
      } else {
        const page = await tx<{ id: string }[]>`
          SELECT id FROM accounts
          WHERE tenant_id = ${t} AND lifecycle_stage IN ('customer', 'onboarding')
            ${args.after ? tx`AND id > ${args.after}` : tx``}
          ORDER BY id LIMIT ${args.limit + 1}`;
        ids = page.slice(0, args.limit).map((r) => r.id);
        if (page.length > args.limit) nextCursor = ids.at(-1)!;
      }
      if (ids.length === 0) return { accounts: [] as CsAccountSnapshot[], next_cursor: null };
      const now = args.as_of ? new Date(args.as_of) : ctx.now();
      const accounts = await csAccounts(tx, t, ids);
      const signals = await accountSignalsAt(
        tx,
        t,
        accounts.map((a) => ({ accountId: a.id, cut: now })),
      );
      const contacts = await csContacts(tx, t, ids);
      const tickets = await csOpenTickets(tx, t, ids);
      const history = await csHealthHistory(tx, t, ids, ctx.runId, args.history);
      const drafts = await csLastDrafts(tx, t, ids, ctx.runId);
      const signalsOf = new Map(signals.map((s) => [s.account_id, s]));
      const contactsOf = byAccount(contacts);
      const ticketsOf = byAccount(tickets);
      const historyOf = byAccount(history);
      const draftsOf = byAccount(drafts);
      const snapshots: CsAccountSnapshot[] = accounts.map((account) => ({
        account,
        signals: signalsOf.get(account.id)!,
        contacts: contactsOf.get(account.id) ?? [],
        open_tickets: ticketsOf.get(account.id) ?? [],
        health_history: historyOf.get(account.id) ?? [],
        last_draft: draftsOf.get(account.id)?.[0] ?? null,
      }));
      return { accounts: snapshots, next_cursor: nextCursor };
    }),
});

/** Rows grouped by account, each group in the rows' order. */
function byAccount<R extends { account_id: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const group = out.get(r.account_id);
    if (group) group.push(r);
    else out.set(r.account_id, [r]);
  }
  return out;
}
