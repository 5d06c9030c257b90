import type postgres from "postgres";
import { withTenant } from "../tenant.ts";
import { auditDraft, DraftDecisionError, recipientOf } from "./draft-audit.ts";

export { DraftDecisionError } from "./draft-audit.ts";

/** A person's decision on a pending draft. `edit` approves the draft with their changes. */
export type DraftDecision =
  | { draftId: string; decision: "approve"; note?: string | undefined }
  | { draftId: string; decision: "reject"; note?: string | undefined }
  | {
      draftId: string;
      decision: "edit";
      subject?: string | undefined;
      body: string;
      note?: string | undefined;
    };

export interface DecidedDraft {
  id: string;
  status: "approved" | "rejected";
  outboxId: string | null;
}

export interface DecideOptions {
  /** The run the decisions are for: every draft must be its own, and the run row is locked. */
  runId?: string | null | undefined;
  /** Reject every draft of `runId` still pending after these decisions, with this note. */
  rejectRest?: string | undefined;
}

export interface DecideResult {
  decided: DecidedDraft[];
  /** Drafts of `runId` still pending afterwards (empty without a run). */
  pendingInRun: string[];
}

/**
 * Applies a person's decisions to pending drafts, all in one tenant transaction (one refused
 * decision leaves every draft as it was): approve (or edit) moves it to the outbox a delivery
 * integration reads; reject closes it. The engine never sends. Consent is checked again at
 * approval: a contact who opted out since the draft was written is refused. Every decision is
 * written to the audit log under `actor`. With a run, its row is locked first, so two people
 * deciding its last drafts at once agree on what is left pending.
 */
export function decideDrafts(
  sql: postgres.Sql,
  tenantId: string,
  decisions: DraftDecision[],
  actor: string,
  options: DecideOptions = {},
): Promise<DecideResult> {
  const runId = options.runId ?? null;
  return withTenant(sql, tenantId, async (tx) => {
    if (runId) await tx`SELECT id FROM agent_runs WHERE id = ${runId} FOR UPDATE`;
    const decided: DecidedDraft[] = [];
    for (const d of decisions) decided.push(await decideOne(tx, tenantId, d, actor, runId));
    if (runId && options.rejectRest !== undefined) {
      const rest = await tx<{ id: string }[]>`
        SELECT id FROM drafts WHERE run_id = ${runId} AND status = 'pending' ORDER BY created_at, id FOR UPDATE`;
      for (const { id } of rest) {
        const d = { draftId: id, decision: "reject" as const, note: options.rejectRest };
        decided.push(await decideOne(tx, tenantId, d, actor, runId));
      }
    }
    const pending = runId
      ? await tx<
          { id: string }[]
        >`SELECT id FROM drafts WHERE run_id = ${runId} AND status = 'pending' ORDER BY created_at, id`
      : [];
    return { decided, pendingInRun: pending.map((p) => p.id) };
  });
}

async function decideOne(
  tx: postgres.TransactionSql,
  tenantId: string,
  decision: DraftDecision,
  actor: string,
  runId: string | null,
): Promise<DecidedDraft> {
  const [draft] = await tx<
    {
      id: string;
      status: string;
      run_id: string | null;
      subject: string | null;
      body: string;
      contact_id: string | null;
      lead_id: string | null;
      channel: string;
      decision_note: string | null;
    }[]
  >`
    SELECT id, status, run_id, subject, body, contact_id, lead_id, channel, decision_note
    FROM drafts WHERE id = ${decision.draftId} FOR UPDATE`;
  if (runId && draft?.run_id !== runId) {
    throw new DraftDecisionError(
      `draft ${decision.draftId} is not a draft of run ${runId}`,
      "DRAFT_NOT_IN_RUN",
    );
  }
  if (!draft) throw new DraftDecisionError(`draft ${decision.draftId} not found`, "DRAFT_NOT_FOUND");
  if (draft.status === "closed") {
    throw new DraftDecisionError(
      `draft ${draft.id} is closed (${draft.decision_note ?? "closed"}); it can no longer be decided`,
      "DRAFT_CLOSED",
    );
  }
  if (draft.status !== "pending") {
    throw new DraftDecisionError(
      `draft ${draft.id} is already ${draft.status}; only pending drafts can be decided`,
    );
  }
  const note = decision.note ?? null;
  if (decision.decision === "reject") {
    await tx`UPDATE drafts SET status = 'rejected', decision = 'reject', approver = ${actor}, decided_at = now(),
               decision_note = ${note} WHERE id = ${draft.id}`;
    await auditDraft(tx, tenantId, actor, "draft.rejected", draft.id, { note });
    return { id: draft.id, status: "rejected", outboxId: null };
  }
  const recipient = await recipientOf(tx, draft);
  const subject = decision.decision === "edit" ? (decision.subject ?? draft.subject) : draft.subject;
  const body = decision.decision === "edit" ? decision.body : draft.body;
  if (body.trim() === "") throw new DraftDecisionError(`draft ${draft.id}: an edited body cannot be empty`);
  await tx`UPDATE drafts SET status = 'approved', decision = ${decision.decision}, subject = ${subject}, body = ${body},
             approver = ${actor}, decided_at = now(), decision_note = ${note} WHERE id = ${draft.id}`;
  const payload = { draft_id: draft.id, channel: draft.channel, to: recipient, subject, body };
  const [outbox] = await tx<{ id: string }[]>`
    INSERT INTO outbox (tenant_id, draft_id, payload) VALUES (${tenantId}, ${draft.id}, ${tx.json(payload)})
    RETURNING id`;
  const edited = decision.decision === "edit" ? { before: { subject: draft.subject, body: draft.body } } : {};
  const action = decision.decision === "edit" ? "draft.edited_and_approved" : "draft.approved";
  await auditDraft(tx, tenantId, actor, action, draft.id, { note, ...edited });
  return { id: draft.id, status: "approved", outboxId: outbox!.id };
}

/**
 * Closes every pending draft of a run (its run was cancelled): status `closed`, `reason` as the
 * decision note, one audit entry each. Runs inside the caller's transaction. Returns their ids.
 */
export async function closeRunDrafts(
  tx: postgres.TransactionSql,
  tenantId: string,
  runId: string,
  reason: string,
  actor: string,
): Promise<string[]> {
  const closed = await tx<{ id: string }[]>`
    UPDATE drafts SET status = 'closed', approver = ${actor}, decided_at = now(), decision_note = ${reason}
    WHERE tenant_id = ${tenantId} AND run_id = ${runId} AND status = 'pending' RETURNING id`;
  for (const { id } of closed) await auditDraft(tx, tenantId, actor, "draft.closed", id, { reason });
  return closed.map((c) => c.id).sort();
}
