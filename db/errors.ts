/** Base class of every error the store raises; `code` is stable and safe to match on. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The embedded data directory is open in another process. */
export class StoreLockedError extends DbError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      "STORE_LOCKED",
      `The embedded store at ${dataDir} is already open in process ${pid}. ` +
        `PGlite is single-process: stop that process, or point CRM_DATA_DIR at another directory.`,
    );
  }
}

/** A migration failed, or an applied migration's file was changed after it ran. */
export class MigrationError extends DbError {
  constructor(message: string) {
    super("MIGRATION_FAILED", message);
  }
}

/** A tenant id or slug that does not exist (or is not visible to the caller). */
export class TenantNotFoundError extends DbError {
  constructor(ref: string) {
    super("TENANT_NOT_FOUND", `Tenant not found: ${ref}`);
  }
}

/** One malformed input row, located precisely enough to fix it. */
export interface RowProblem {
  file: string;
  line: number;
  column?: string;
  reason: string;
}

/** An import rejected because of bad input; nothing was written. */
export class ImportError extends DbError {
  constructor(
    readonly problems: RowProblem[],
    summary?: string,
  ) {
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(
      "IMPORT_REJECTED",
      [
        summary ?? `Import rejected: ${problems.length} bad row(s); nothing was written.`,
        ...shown,
        ...more,
      ].join("\n"),
    );
  }
}

export function formatProblem(p: RowProblem): string {
  return `  ${p.file}:${p.line}${p.column ? ` column "${p.column}"` : ""}: ${p.reason}`;
}

/** postgres.js and socket codes of a connection that went away (not a query the server refused). */
const LOST_CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  // admin_shutdown (pg_terminate_backend, a restart), crash_shutdown, cannot_connect_now
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * True when `err` (or an error in its `cause` chain) says the store's connection was lost: the
 * server terminated it, restarted, or could not be reached. Work cut off this way did not fail on
 * its merits, and the server rolled back its open transaction, so it may be tried again. SQLSTATE
 * class 08 (connection exception) counts too.
 */
export function isConnectionLost(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (LOST_CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
