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

/**
 * Many entities' scopes at once (one query per kind), keyed `kind:id` (id lower-case); NOT_FOUND
 * naming the first entity that is not visible.
 */
export async function entityScopes(
  tx: postgres.TransactionSql,
  refs: readonly { kind: OutputEntityKind; id: string }[],
): Promise<Map<string, EntityScope>> {
  const scopes = new Map<string, EntityScope>();
  const byKind = new Map<OutputEntityKind, Set<string>>();
  for (const r of refs) {
    const ids = byKind.get(r.kind) ?? new Set<string>();
    ids.add(r.id.toLowerCase());
    byKind.set(r.kind, ids);
  }
  for (const [kind, ids] of byKind) {
    for (const row of await scopesQuery(tx, kind, [...ids]))
      scopes.set(`${kind}:${row.id}`, {
        kind,
        id: row.id,
        accountId: row.account_id,
        leadId: row.lead_id,
        contactId: row.contact_id,
      });
  }
  const missing = refs.find((r) => !scopes.has(`${r.kind}:${r.id.toLowerCase()}`));
  if (missing) throw new NotFoundError(missing.kind, missing.id);
  return scopes;
}

function scopesQuery(tx: postgres.TransactionSql, kind: OutputEntityKind, ids: string[]) {
  type Keyed = Row & { id: string };
  switch (kind) {
    case "account":
      return tx<Keyed[]>`SELECT id::text, id AS account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id
                         FROM accounts WHERE id IN ${tx(ids)}`;
    case "contact":
      return tx<Keyed[]>`SELECT id::text, account_id, NULL::uuid AS lead_id, id AS contact_id
                         FROM contacts WHERE id IN ${tx(ids)}`;
    case "lead":
      return tx<Keyed[]>`SELECT id::text, account_id, id AS lead_id, NULL::uuid AS contact_id
                         FROM leads WHERE id IN ${tx(ids)}`;
    case "deal":
      return tx<Keyed[]>`SELECT id::text, account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id
                         FROM deals WHERE id IN ${tx(ids)}`;
    case "ticket":
      return tx<Keyed[]>`SELECT id::text, account_id, NULL::uuid AS lead_id, contact_id
                         FROM tickets WHERE id IN ${tx(ids)}`;
  }
}
