export { exportSnapshot } from "./export.ts";
export type { ExportOptions } from "./export.ts";
export { importSnapshot } from "./import.ts";
export type { SnapshotImportOptions, SnapshotImportResult } from "./import.ts";
export { SNAPSHOT_TABLES } from "./format.ts";
export type { Manifest } from "./format.ts";
