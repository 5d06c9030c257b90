import type postgres from "postgres";
import { DbError } from "../errors.ts";

/**
 * A draft that cannot take this decision. Codes: DRAFT_NOT_FOUND, DRAFT_NOT_IN_RUN (a run's
 * decision names a draft of another run), DRAFT_CLOSED (its run was cancelled), DRAFT_DECISION
 * (already decided, or the recipient opted out since).
 */
export class DraftDecisionError extends DbError {
  constructor(message: string, code = "DRAFT_DECISION") {
    super(code, message);
  }
}

/**
 * The address an approved draft goes to, checked against consent once more: a recipient who
 * opted out since the draft was written refuses the approval (DRAFT_DECISION).
 */
export async function recipientOf(
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

/** One audit entry about a draft, in the caller's transaction. */
export async function auditDraft(
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
