import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { listImportColumns } from "../../../db/queries/feature-columns.ts";
import type { DeclaredColumn } from "../features/derive.ts";

/** What the tenant's CSV imports declared about the columns of `table` (see db/import/csv/declared.ts). */
export function loadDeclaredColumns(
  sql: postgres.Sql,
  tenantId: string,
  table: string,
): Promise<DeclaredColumn[]> {
  return withTenant(sql, tenantId, (tx) => listImportColumns(tx, tenantId, table));
}
