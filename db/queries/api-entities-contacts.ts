import type postgres from "postgres";
import {
  allOf,
  containsPattern,
  entityPage,
  type EntityPage,
  type KeysetPage,
  type SortSpec,
} from "./api-entities.ts";

type Tx = postgres.TransactionSql;

/** A contact as the API lists it; `contactable` is consent given and not opted out. */
export interface ContactRow {
  id: string;
  external_id: string | null;
  name: string;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  role: string | null;
  email: string | null;
  account_id: string | null;
  account_name: string | null;
  contactable: boolean;
  created_at: Date;
}

const NAME = (tx: Tx) =>
  tx`coalesce(nullif(trim(concat_ws(' ', e.first_name, e.last_name)), ''), e.email, '')`;

/** Sort keys of the contact list. */
export const CONTACT_SORTS = {
  name: { expr: (tx) => tx`lower(${NAME(tx)})`, type: "text", nullable: false },
  created: { expr: (tx) => tx`e.created_at`, type: "timestamptz", nullable: false },
} satisfies Record<string, SortSpec>;

export interface ContactFilter {
  accountId?: string | undefined;
  role?: string | undefined;
  contactable?: boolean | undefined;
  /** Part of the name or e-mail, any case. */
  q?: string | undefined;
}

const COLUMNS = (tx: Tx) => tx`
  e.id, e.external_id, ${NAME(tx)} AS name, e.first_name, e.last_name, e.title, e.role, e.email, e.account_id,
  a.name AS account_name, (e.email_consent AND e.opted_out_at IS NULL) AS contactable, e.created_at`;

const FROM = (tx: Tx) => tx`contacts e LEFT JOIN accounts a ON a.id = e.account_id`;

function where(tx: Tx, tenantId: string, f: ContactFilter) {
  const conds = [tx`e.tenant_id = ${tenantId}`];
  if (f.accountId) conds.push(tx`e.account_id = ${f.accountId}`);
  if (f.role) conds.push(tx`e.role = ${f.role}`);
  if (f.contactable !== undefined)
    conds.push(tx`(e.email_consent AND e.opted_out_at IS NULL) = ${f.contactable}`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(
      tx`(concat_ws(' ', e.first_name, e.last_name) ILIKE ${p} OR coalesce(e.email, '') ILIKE ${p})`,
    );
  }
  return allOf(tx, conds);
}

/** A page of the tenant's contacts, each with its latest score of every kind. */
export function listContacts(
  tx: Tx,
  tenantId: string,
  f: ContactFilter,
  page: KeysetPage,
): Promise<EntityPage<ContactRow>> {
  return entityPage<ContactRow>(
    tx,
    tenantId,
    "contact",
    { columns: COLUMNS(tx), from: FROM(tx), where: where(tx, tenantId, f) },
    page,
  );
}
