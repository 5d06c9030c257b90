import { resolve } from "node:path";
import { StoreLockedError } from "../../db/index.ts";
import { readControlFile, type ControlInfo } from "../control/file.ts";
import { CliError } from "./errors.ts";

/** The serving process a locked data directory can take commands from, or why there is none. */
export type LockHolder = { info: ControlInfo } | { error: CliError };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Names a serving process the way messages do: `process 4242 (crm start --port 0)`. */
export function nameProcess(info: Pick<ControlInfo, "pid" | "command">): string {
  return `process ${info.pid} (${info.command})`;
}

/**
 * Who holds a locked embedded store: a `crm start` / `crm serve` that announced its control
 * endpoint (its pid matches the lock's and it is alive), or an error saying who and what to do.
 */
export function lockHolder(err: StoreLockedError): LockHolder {
  const dir = resolve(err.dataDir);
  const info = readControlFile(dir);
  if (info && info.pid === err.pid && alive(info.pid)) return { info };
  return {
    error: new CliError(
      "STORE_LOCKED",
      `the embedded store at ${dir} is open in process ${err.pid}, which takes no commands from ` +
        `other processes (it is not a running \`crm start\` or \`crm serve\`, or it is still starting). ` +
        `Wait for it to finish, stop it, or point CRM_DATA_DIR at another directory; ` +
        `with DATABASE_URL (Postgres) any number of processes can work at once.`,
    ),
  };
}

/** For `crm start` / `crm serve` finding the store taken: which process, and what to do. */
export function alreadyServed(err: StoreLockedError, command: string): CliError {
  const dir = resolve(err.dataDir);
  const info = readControlFile(dir);
  const holder = info && info.pid === err.pid ? nameProcess(info) : `process ${err.pid}`;
  return new CliError(
    "STORE_LOCKED",
    `cannot ${command}: the embedded store at ${dir} is already open in ${holder}. One process ` +
      `serves a data directory: use that one (other crm commands reach it while it runs), stop it ` +
      `(Ctrl-C), or point CRM_DATA_DIR at another directory.`,
  );
}
