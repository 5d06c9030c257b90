import { ConfigError } from "../config.ts";
import { DbError } from "../../db/index.ts";

/**
 * How a command's failure is shown: errors with a stable code are the user's to fix and their
 * message says what is wrong (`crm: …`); anything else is a bug and shows its stack.
 */
export function describeCliError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof DbError || hasCode(err)) return `crm: ${err.message}`;
  return err instanceof Error ? (err.stack ?? String(err)) : String(err);
}

function hasCode(err: unknown): err is Error {
  return err instanceof Error && typeof (err as { code?: unknown }).code === "string";
}

/** A command that cannot do what it was asked here; the message says why and what to do. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}
