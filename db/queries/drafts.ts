import type postgres from "postgres";
import { DbError } from "../errors.ts";
import { withTenant } from "../tenant.ts";

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

/** A draft that cannot take this decision (unknown, or already decided). */
export class DraftDecisionError extends DbError {
  constructor(message: string) {
    super("DRAFT_DECISION", message);
  }
}

export interface DecidedDraft {
  id: string;
  status: "approved" | "rejected";
  outboxId: string | null;
}

/**
 * Applies a person's decisions to pending drafts, all in one tenant transaction (one refused
 * decision leaves every draft as it was): approve (or edit)
 * moves it to the outbox a delivery integration reads; reject closes it. The engine never sends.
 * Consent is checked again at approval: a contact who opted out since the draft was written is
 * refused. Every decision is written to the audit log under `actor`.
 */
export function decideDrafts(
  sql: postgres.Sql,
  tenantId: string,
  decisions: DraftDecision[],
  actor: string,
): Promise<DecidedDraft[]> {
  return withTenant(sql, tenantId, async (tx) => {
    const decided: DecidedDraft[] = [];
    for (const d of decisions) decided.push(await decideOne(tx, tenantId, d, actor));
    return decided;
  });
}

async function decideOne(
  tx: postgres.TransactionSql,
  tenantId: string,
  decision: DraftDecision,
  actor: string,
): Promise<DecidedDraft> {
  {
    const [draft] = await tx<
      {
        id: string;
        status: string;
        subject: string | null;
        body: string;
        contact_id: string | null;
        lead_id: string | null;
        channel: string;
      }[]
    >`
      SELECT id, status, subject, body, contact_id, lead_id, channel FROM drafts WHERE id = ${decision.draftId} FOR UPDATE`;
    if (!draft) throw new DraftDecisionError(`draft ${decision.draftId} not found`);
    if (draft.status !== "pending") {
      throw new DraftDecisionError(
        `draft ${draft.id} is already ${draft.status}; only pending drafts can be decided`,
      );
    }
    const note = decision.note ?? null;
    if (decision.decision === "reject") {
      await tx`UPDATE drafts SET status = 'rejected', approver = ${actor}, decided_at = now(), decision_note = ${note}
               WHERE id = ${draft.id}`;
      await audit(tx, tenantId, actor, "draft.rejected", draft.id, { note });
      return { id: draft.id, status: "rejected", outboxId: null };
    }
    const recipient = await recipientOf(tx, draft);
    const subject = decision.decision === "edit" ? (decision.subject ?? draft.subject) : draft.subject;
    const body = decision.decision === "edit" ? decision.body : draft.body;
    if (body.trim() === "") throw new DraftDecisionError(`draft ${draft.id}: an edited body cannot be empty`);
    await tx`UPDATE drafts SET status = 'approved', subject = ${subject}, body = ${body}, approver = ${actor},
               decided_at = now(), decision_note = ${note} WHERE id = ${draft.id}`;
    const payload = { draft_id: draft.id, channel: draft.channel, to: recipient, subject, body };
    const [outbox] = await tx<{ id: string }[]>`
      INSERT INTO outbox (tenant_id, draft_id, payload) VALUES (${tenantId}, ${draft.id}, ${tx.json(payload)})
      RETURNING id`;
    const edited =
      decision.decision === "edit" ? { before: { subject: draft.subject, body: draft.body } } : {};
    await audit(
      tx,
      tenantId,
      actor,
      decision.decision === "edit" ? "draft.edited_and_approved" : "draft.approved",
      draft.id,
      { note, ...edited },
    );
    return { id: draft.id, status: "approved", outboxId: outbox!.id };
  }
}

async function recipientOf(
  tx: postgres.TransactionSql,
  draft: { id: string; contact_id: string | null; lead_id: string | null },
): Promise<string | null> {
  const [who] = draft.contact_id
    ? await tx<{ email: string | null; blocked: boolean }[]>`
        SELECT email, (NOT email_consent OR opted_out_at IS NOT NULL) AS blocked FROM contacts WHERE id = ${draft.contact_id}`
    : await tx<{ email: string | null; blocked: boolean }[]>`
        SELECT email, (opted_out_at IS NOT NULL) AS blocked FROM leads WHERE id = ${draft.lead_id}`;
  if (who?.blocked) {
    throw new DraftDecisionError(
      `draft ${draft.id}: the recipient has opted out since it was written; it cannot be approved`,
    );
  }
  return who?.email ?? null;
}

async function audit(
  tx: postgres.TransactionSql,
  tenantId: string,
  actor: string,
  action: string,
  draftId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx`INSERT INTO audit_log (tenant_id, actor, action, entity_kind, entity_id, details)
           VALUES (${tenantId}, ${actor}, ${action}, 'draft', ${draftId}, ${tx.json(details as postgres.JSONValue)})`;
}
