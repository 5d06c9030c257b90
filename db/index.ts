export { openStore, storeOptionsFromConfig } from "./store.ts";
export type { Sql, Store, StoreOptions } from "./store.ts";
export { IN_MEMORY } from "./embedded.ts";
export { migrate, loadMigrations } from "./migrate.ts";
export type { Migration, MigrationResult } from "./migrate.ts";
export { withTenant } from "./tenant.ts";
export {
  DbError,
  StoreLockedError,
  MigrationError,
  TenantNotFoundError,
  ImportError,
  formatProblem,
  isConnectionLost,
} from "./errors.ts";
export type { RowProblem } from "./errors.ts";
export { ensureTenant, findTenant, getTenant, listTenants, setTenantSettings } from "./queries/tenants.ts";
export type { Tenant } from "./queries/tenants.ts";
export { BOOK_TABLES, countBook } from "./queries/counts.ts";
export type { BookTable } from "./queries/counts.ts";
export { bulkInsert, tableColumns } from "./bulk.ts";
export type { Row, BulkWriteOptions, ColumnInfo } from "./bulk.ts";
