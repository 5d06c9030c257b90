import { Annotation } from "@langchain/langgraph";
import type { Assessment, ChurnModelChoice, CsPolicy } from "../../agents/cs/index.ts";
import type { ApprovalAnswer } from "../runtime/index.ts";
import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";

/** A draft the run wrote and a person must decide on. */
export interface CsDraft {
  id: string;
  accountId: string;
  contactId: string;
  to: string;
  subject: string;
  body: string;
  reason: string;
}

/** Counts of what the run wrote, summed over pages. */
export interface CsTotals {
  accounts: number;
  scores: number;
  tasks: number;
  atRisk: number;
}

const sumTotals = (a: CsTotals, b: Partial<CsTotals>): CsTotals => ({
  accounts: a.accounts + (b.accounts ?? 0),
  scores: a.scores + (b.scores ?? 0),
  tasks: a.tasks + (b.tasks ?? 0),
  atRisk: a.atRisk + (b.atRisk ?? 0),
});
const concat = <T>(a: T[], b: T[]) => a.concat(b);

/**
 * The customer-success graph's state. Everything is plain JSON (it is checkpointed). Per-page
 * channels (`page`, `assessed`) are replaced by each batch; run-wide ones accumulate.
 */
export const CsState = Annotation.Root({
  /** What the run is about: one account, the account of one ticket, or every customer. */
  target: Annotation<{ kind: "account" | "ticket" | "all"; id?: string }>,
  /** The instant the run scores at (ISO 8601), fixed at its start so a resumed run sees the same. */
  asOf: Annotation<string>,
  /** The tenant's policy: defaults with `tenants.settings.cs` applied. */
  policy: Annotation<CsPolicy>,
  /** The churn model used for every account of the run: learned (its artifact) or the fallback. */
  churnModel: Annotation<ChurnModelChoice>,
  /** Paging cursor (last account id read) when the target is every customer. */
  cursor: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Whether another page remains after the current one. */
  more: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** The current batch of accounts with their signals. */
  page: Annotation<CsAccountSnapshot[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** Health and churn of the current batch's customers. */
  assessed: Annotation<Assessment[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** What the run wrote so far. */
  totals: Annotation<CsTotals, Partial<CsTotals>>({
    reducer: sumTotals,
    default: () => ({ accounts: 0, scores: 0, tasks: 0, atRisk: 0 }),
  }),
  /** Drafts waiting for approval, over all batches. */
  drafts: Annotation<CsDraft[]>({ reducer: concat, default: () => [] }),
  /** What got no scores or no draft, and why (`account:<id>`: opted out, cooldown, not a customer …). */
  skipped: Annotation<{ entity: string; reason: string }[]>({ reducer: concat, default: () => [] }),
  /** A person's decisions on the drafts (the resume value of the approval interrupt). */
  decisions: Annotation<ApprovalAnswer["decisions"] | null>({ reducer: (_a, b) => b, default: () => null }),
});

export type CsStateType = typeof CsState.State;
export type CsUpdate = typeof CsState.Update;
