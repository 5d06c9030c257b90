import type postgres from "postgres";

/** What an import declared about one record key (see db/migrations/0020_import_columns.sql). */
export interface ImportColumn {
  key: string;
  valueType: "numeric" | "boolean" | "text" | "date" | "other";
  role: "field" | "identifier" | "outcome" | "post_outcome";
  sourceColumn: string | null;
}

/** Records (replaces) the declarations of one import, inside the import's transaction. */
export async function recordImportColumns(
  tx: postgres.TransactionSql,
  tenantId: string,
  table: string,
  mapping: string,
  columns: readonly ImportColumn[],
): Promise<void> {
  if (columns.length === 0) return;
  const rows = columns.map((c) => ({
    tenant_id: tenantId,
    table_name: table,
    key: c.key,
    value_type: c.valueType,
    role: c.role,
    source_column: c.sourceColumn,
    mapping,
  }));
  await tx`
    INSERT INTO import_columns ${tx(rows, "tenant_id", "table_name", "key", "value_type", "role", "source_column", "mapping")}
    ON CONFLICT (tenant_id, table_name, key) DO UPDATE SET
      value_type = EXCLUDED.value_type, role = EXCLUDED.role, source_column = EXCLUDED.source_column,
      mapping = EXCLUDED.mapping, imported_at = now()`;
}

/** The declarations of a tenant's imports into `table`, by key. Runs in a tenant transaction. */
export async function listImportColumns(
  tx: postgres.TransactionSql | postgres.Sql,
  tenantId: string,
  table: string,
): Promise<ImportColumn[]> {
  const rows = await tx<
    {
      key: string;
      value_type: ImportColumn["valueType"];
      role: ImportColumn["role"];
      source_column: string | null;
    }[]
  >`
    SELECT key, value_type, role, source_column FROM import_columns
    WHERE tenant_id = ${tenantId} AND table_name = ${table}
    ORDER BY key`;
  return rows.map((r) => ({
    key: r.key,
    valueType: r.value_type,
    role: r.role,
    sourceColumn: r.source_column,
  }));
}
