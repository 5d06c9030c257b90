import type postgres from "postgres";
import { ContactOptedOutError } from "../errors.ts";
import type { EntityScope } from "../scope.ts";

interface Consent {
  email_consent: boolean;
  opted_out_at: Date | null;
  opt_out_source: string | null;
}

/**
 * Refuses a recipient who must not be contacted: a contact without email consent or with an
 * opt-out on record (contacts.email_consent, opted_out_at), a lead marked do-not-contact or opted out.
 * Applies to every channel: the store records one consent state per person.
 */
export async function assertContactable(tx: postgres.TransactionSql, recipient: EntityScope): Promise<void> {
  const [row] =
    recipient.kind === "contact"
      ? await tx<
          Consent[]
        >`SELECT email_consent, opted_out_at, opt_out_source FROM contacts WHERE id = ${recipient.id}`
      : await tx<Consent[]>`SELECT NOT do_not_contact AS email_consent, opted_out_at, NULL AS opt_out_source
                            FROM leads WHERE id = ${recipient.id}`;
  const kind = recipient.kind === "contact" ? "contact" : "lead";
  if (row!.opted_out_at) {
    const source = row!.opt_out_source ? ` via ${row!.opt_out_source}` : "";
    throw new ContactOptedOutError(
      kind,
      recipient.id,
      `opted out on ${row!.opted_out_at.toISOString()}${source}`,
    );
  }
  if (!row!.email_consent) {
    const reason =
      kind === "contact" ? "no consent to be contacted (email_consent is false)" : "marked do not contact";
    throw new ContactOptedOutError(kind, recipient.id, reason);
  }
}
