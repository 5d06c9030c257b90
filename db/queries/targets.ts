import type postgres from "postgres";
import type { RunTarget } from "./runs.ts";

/** Entity kinds a run target names by id. */
const ENTITY_KINDS = ["account", "lead", "deal", "ticket", "contact"] as const;

type EntityKind = (typeof ENTITY_KINDS)[number];

/** A target id that names no entity of its kind in the tenant. */
export interface MissingTarget {
  kind: EntityKind;
  id: string;
  /** The kind the id does name in this tenant (a lead target given an account id), or null. */
  actualKind: EntityKind | null;
}

/**
 * Checks that a run target's entity exists for the tenant, inside a tenant transaction
 * (`withTenant`), so row-level security makes another tenant's id read as missing. Targets
 * without an id (`segment`, `all`) always pass. Returns null when the entity exists, otherwise
 * what is missing and, when the id belongs to another kind, which.
 */
export async function findMissingTarget(
  tx: postgres.TransactionSql,
  tenantId: string,
  target: RunTarget,
): Promise<MissingTarget | null> {
  if (target.id === undefined || !(ENTITY_KINDS as readonly string[]).includes(target.kind)) return null;
  const kind = target.kind as EntityKind;
  const id = target.id;
  // one round trip: the id's own kind first, else whichever kind it does name
  const [row] = await tx<{ kind: EntityKind }[]>`
    SELECT kind FROM (
      SELECT 'account'::text AS kind FROM accounts WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL SELECT 'lead' FROM leads WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL SELECT 'deal' FROM deals WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL SELECT 'ticket' FROM tickets WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL SELECT 'contact' FROM contacts WHERE tenant_id = ${tenantId} AND id = ${id}
    ) found ORDER BY kind = ${kind} DESC LIMIT 1`;
  if (row?.kind === kind) return null;
  return { kind, id, actualKind: row?.kind ?? null };
}
