// Watching a drill's runs: status counts, and waiting for a condition while services come and go.
import type postgres from "postgres";

export type StatusCounts = Record<string, number>;

/** Finished for the drill: the leg ended (a run waiting for a person's approval included). */
export const DONE_STATUSES = ["succeeded", "interrupted", "failed", "cancelled", "budget_exceeded"];

/** The tenant's runs by status. */
export async function statusCounts(sql: postgres.Sql, tenantId: string): Promise<StatusCounts> {
  const rows = await sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM agent_runs WHERE tenant_id = ${tenantId} GROUP BY status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export function doneCount(counts: StatusCounts): number {
  return DONE_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

export function formatCounts(counts: StatusCounts): string {
  return (
    Object.entries(counts)
      .sort()
      .map(([s, n]) => `${s} ${n}`)
      .join(", ") || "none"
  );
}

/**
 * Polls `check` every `everyMs` until it returns a value that is not null, and returns it; null
 * after `timeoutMs`. A check that throws (the database or Redis is down on purpose) counts as
 * not yet; `guard` runs first on every poll and may throw to stop waiting (a worker died).
 */
export async function pollUntil<T>(
  check: () => Promise<T | null>,
  timeoutMs: number,
  everyMs = 200,
  guard: () => void = () => {},
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    guard();
    const value = await check().catch(() => null);
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return null;
}

/** Logs progress to stderr (stdout is the report). */
export function note(message: string): void {
  console.error(`  [${new Date().toISOString().slice(11, 23)}] ${message}`);
}
