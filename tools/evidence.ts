import type postgres from "postgres";
import { z } from "zod";
import { EvidenceError } from "./errors.ts";
import type { EntityScope } from "./scope.ts";

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const EVIDENCE_RE = new RegExp(
  `^(?:(activity|ticket|deal|contact|lead|account|kb_article):(${UUID})|usage:(${UUID}):(\\d{4}-\\d{2}-\\d{2}))$`,
);

/**
 * One piece of evidence: `<kind>:<uuid>` for activity, ticket, deal, contact, lead, account and
 * kb_article, or `usage:<account uuid>:<period start YYYY-MM-DD>` for a product-usage row.
 */
export const evidenceId = z
  .string()
  .regex(EVIDENCE_RE, "must look like activity:<uuid>, ticket:<uuid>, … or usage:<account uuid>:<YYYY-MM-DD>")
  .describe(
    "An evidence id: `<kind>:<uuid>` (activity, ticket, deal, contact, lead, account, kb_article) or `usage:<account uuid>:<YYYY-MM-DD>`.",
  );

type Kind = "activity" | "ticket" | "deal" | "contact" | "lead" | "account" | "kb_article" | "usage";
interface Parsed {
  ref: string;
  kind: Kind;
  id: string;
  period?: string;
}
/** What a referenced row links to; `tenantWide` rows (kb articles) back any output. */
interface Owner {
  key: string;
  account_id: string | null;
  lead_id: string | null;
  contact_id: string | null;
  tenant_wide: boolean;
}

function parse(ref: string): Parsed {
  const m = EVIDENCE_RE.exec(ref);
  if (!m) throw new TypeError(`not an evidence id: ${ref}`); // zod has validated it already
  if (m[3]) return { ref, kind: "usage", id: m[3].toLowerCase(), period: m[4]! };
  return { ref, kind: m[1] as Kind, id: m[2]!.toLowerCase() };
}

/**
 * Checks that every evidence id exists in the tenant and belongs to the scope's account (or to
 * its lead or contact; kb articles are tenant-wide). Throws EVIDENCE_NOT_IN_ACCOUNT naming the rest.
 */
export async function checkEvidence(
  tx: postgres.TransactionSql,
  scope: EntityScope,
  refs: readonly string[],
): Promise<void> {
  await checkEvidenceMany(tx, [{ scope, refs }]);
}

/**
 * checkEvidence for many outputs at once: every output's evidence read in one query per kind,
 * then each output checked against its own scope. Throws for the first output whose evidence
 * fails, as checkEvidence would for it alone.
 */
export async function checkEvidenceMany(
  tx: postgres.TransactionSql,
  items: readonly { scope: EntityScope; refs: readonly string[] }[],
): Promise<void> {
  const parsed = items.map((item) => [...new Set(item.refs)].map(parse));
  const all = new Map<string, Parsed>();
  for (const p of parsed.flat()) all.set(p.ref.toLowerCase(), p);
  const owners = new Map<string, Owner>();
  const distinct = [...all.values()];
  for (const kind of new Set(distinct.map((p) => p.kind))) {
    const ofKind = distinct.filter((p) => p.kind === kind);
    for (let i = 0; i < ofKind.length; i += 5000)
      for (const row of await owned(tx, kind, ofKind.slice(i, i + 5000)))
        owners.set(`${kind}:${row.key}`, row);
  }
  items.forEach((item, i) => {
    const foreign: string[] = [];
    const missing: string[] = [];
    for (const p of parsed[i]!) {
      const owner = owners.get(`${p.kind}:${p.period ? `${p.id}:${p.period}` : p.id}`);
      if (!owner) missing.push(p.ref);
      else if (!belongs(owner, item.scope)) foreign.push(p.ref);
    }
    if (foreign.length > 0 || missing.length > 0)
      throw new EvidenceError(item.scope.accountId, foreign, missing);
  });
}

function belongs(owner: Owner, scope: EntityScope): boolean {
  return (
    owner.tenant_wide ||
    (scope.accountId !== null && owner.account_id === scope.accountId) ||
    (scope.leadId !== null && owner.lead_id === scope.leadId) ||
    (scope.contactId !== null && owner.contact_id === scope.contactId)
  );
}

function owned(tx: postgres.TransactionSql, kind: Kind, refs: Parsed[]): Promise<Owner[]> {
  const ids = refs.map((r) => r.id);
  switch (kind) {
    case "activity":
      return tx<Owner[]>`SELECT id::text AS key, account_id, lead_id, contact_id, false AS tenant_wide
                         FROM activities WHERE id IN ${tx(ids)}`;
    case "ticket":
      return tx<
        Owner[]
      >`SELECT id::text AS key, account_id, NULL::uuid AS lead_id, contact_id, false AS tenant_wide
                         FROM tickets WHERE id IN ${tx(ids)}`;
    case "deal":
      return tx<Owner[]>`SELECT id::text AS key, account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id,
                                false AS tenant_wide
                         FROM deals WHERE id IN ${tx(ids)}`;
    case "contact":
      return tx<
        Owner[]
      >`SELECT id::text AS key, account_id, NULL::uuid AS lead_id, id AS contact_id, false AS tenant_wide
                         FROM contacts WHERE id IN ${tx(ids)}`;
    case "lead":
      return tx<
        Owner[]
      >`SELECT id::text AS key, account_id, id AS lead_id, NULL::uuid AS contact_id, false AS tenant_wide
                         FROM leads WHERE id IN ${tx(ids)}`;
    case "account":
      return tx<
        Owner[]
      >`SELECT id::text AS key, id AS account_id, NULL::uuid AS lead_id, NULL::uuid AS contact_id,
                                false AS tenant_wide
                         FROM accounts WHERE id IN ${tx(ids)}`;
    case "kb_article":
      return tx<Owner[]>`SELECT id::text AS key, NULL::uuid AS account_id, NULL::uuid AS lead_id,
                                NULL::uuid AS contact_id, true AS tenant_wide
                         FROM kb_articles WHERE id IN ${tx(ids)}`;
    case "usage":
      // candidates by account and period separately, then the exact pairs via `key`
      return tx<Owner[]>`SELECT DISTINCT account_id::text || ':' || period_start::text AS key, account_id,
                                NULL::uuid AS lead_id, NULL::uuid AS contact_id, false AS tenant_wide
                         FROM product_usage
                         WHERE account_id IN ${tx(ids)} AND period_start IN ${tx(refs.map((r) => r.period!))}`;
  }
}
