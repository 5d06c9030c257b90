import { resolve } from "node:path";
import type { Store } from "../../db/index.ts";
import type { Config } from "../config.ts";
import { newControlToken, removeControlFile, writeControlFile } from "../control/file.ts";
import { startControlListener } from "../control/listener.ts";
import type { Logger } from "../logger.ts";

/** Runs one `crm` command line over this process's store; resolves with its exit code. */
export type CommandRunner = (
  argv: string[],
  cwd: string,
  write: (stream: "stdout" | "stderr", text: string) => void,
) => Promise<number>;

/** What a command run in this process is given: its store, configuration, logger and name. */
export interface CommandHost {
  store: Store;
  config: Config;
  logger: Logger;
  /** How messages name this process, e.g. "process 4242 (crm start)". */
  describe: string;
}

/**
 * Lets `crm` commands started beside this process run in it, over its store: on an embedded
 * store in a directory (which one process only can open), a loopback control endpoint and the
 * control file (`<CRM_DATA_DIR>/serve.json`, mode 0600) announcing it. Returns its stop
 * function, or null where other processes open the store themselves (Postgres) or cannot reach
 * it at all (`memory://`).
 */
export async function startCliControl(
  store: Store,
  config: Config,
  logger: Logger,
  command: string,
  commands: (host: CommandHost) => CommandRunner,
): Promise<(() => Promise<void>) | null> {
  if (store.kind !== "embedded" || config.CRM_DATA_DIR === "memory://") return null;
  const dataDir = resolve(config.CRM_DATA_DIR);
  const token = newControlToken();
  const host = { store, config, logger, describe: `process ${process.pid} (${command})` };
  const listener = await startControlListener(token, commands(host));
  writeControlFile(dataDir, {
    pid: process.pid,
    url: listener.url,
    token,
    command,
    startedAt: new Date().toISOString(),
  });
  logger.debug({ url: listener.url }, "crm commands of other processes are taken on the control endpoint");
  return async () => {
    removeControlFile(dataDir);
    await listener.stop();
  };
}
