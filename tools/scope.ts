import type postgres from "postgres";
import { NotFoundError } from "./errors.ts";
import type { OutputEntityKind } from "./input.ts";

/** Where an entity sits in the book: the account its outputs and evidence must belong to. */
export interface EntityScope {
  kind: OutputEntityKind;
  id: string;
  accountId: string | null;
  /** Set when the entity is (or belongs to) a lead: the lead's own activities are its evidence. */
  leadId: string | null;
  /** Set when the entity is a contact or a ticket with a contact. */
  contactId: string | null;
}

type Row = { account_id: string | null; lead_id: string | null; contact_id: string | null };

/** Resolves an entity's scope inside the tenant transaction; NOT_FOUND when invisible. */
export async function entityScope(
  tx: postgres.TransactionSql,
  kind: OutputEntityKind,
  id: string,
): Promise<EntityScope> {
  const [row] = await scopeQuery(tx, kind, id);
  if (!row) throw new NotFoundError(kind, id);
  return { kind, id, accountId: row.account_id, leadId: row.lead_id, contactId: row.contact_id };
}

function scopeQuery(tx: postgres.TransactionSql, kind: OutputEntityKind, id: string) {
  switch (kind) {
    case "account":
      return tx<Row[]>`SELECT id AS account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id
                       FROM accounts WHERE id = ${id}`;
    case "contact":
      return tx<
        Row[]
      >`SELECT account_id, NULL::uuid AS lead_id, id AS contact_id FROM contacts WHERE id = ${id}`;
    case "lead":
      return tx<
        Row[]
      >`SELECT account_id, id AS lead_id, NULL::uuid AS contact_id FROM leads WHERE id = ${id}`;
    case "deal":
      return tx<
        Row[]
      >`SELECT account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id FROM deals WHERE id = ${id}`;
    case "ticket":
      return tx<Row[]>`SELECT account_id, NULL::uuid AS lead_id, contact_id FROM tickets WHERE id = ${id}`;
  }
}
