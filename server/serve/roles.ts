import type { Config } from "../config.ts";

/** What a `crm serve` process does: the HTTP API, the worker (jobs and schedules), or both. */
export const ROLES = ["api", "worker", "all"] as const;
export type Role = (typeof ROLES)[number];

/** A process that cannot start as asked; the message says what to change. */
export class ServeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ServeError";
    this.code = code;
  }
}

export function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new ServeError("INVALID_ROLE", `--role ${value}: one of ${ROLES.join(", ")}`);
  }
  return value as Role;
}

/**
 * Separate api and worker processes share work through the store and the queue, so they need
 * both to be shared: Postgres (the embedded store is open in one process only) and Redis (the
 * in-process runner's jobs live in one process's memory). `all` runs anywhere.
 */
export function checkRole(role: Role, config: Pick<Config, "DATABASE_URL" | "REDIS_URL">): void {
  if (role === "all") return;
  if (!config.DATABASE_URL) {
    throw new ServeError(
      "ROLE_NEEDS_POSTGRES",
      `--role ${role} needs DATABASE_URL: the embedded store can be open in one process only, ` +
        `so on it run everything in one process with --role all (the default)`,
    );
  }
  if (!config.REDIS_URL) {
    throw new ServeError(
      "ROLE_NEEDS_REDIS",
      `--role ${role} needs REDIS_URL: without Redis, jobs live in one process's memory, ` +
        `so set REDIS_URL or run --role all`,
    );
  }
}
