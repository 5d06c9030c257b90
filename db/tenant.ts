import type postgres from "postgres";

/**
 * Runs `fn` in a transaction scoped to one tenant: the session switches to the `crm_tenant`
 * role and sets `app.tenant_id`, so row-level security limits every statement inside to that
 * tenant's rows, even one that forgets its `WHERE tenant_id = …` (migration 0006).
 * Both settings are transaction-local and end with the transaction.
 */
export function withTenant<T>(
  sql: postgres.Sql,
  tenantId: string,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`SELECT set_config('role', 'crm_tenant', true), set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}
