import { resolve } from "node:path";
import type { Store } from "../../db/index.ts";
import { runHostedCli } from "../cli/hosted.ts";
import type { Config } from "../config.ts";
import { newControlToken, removeControlFile, writeControlFile } from "../control/file.ts";
import { startControlListener } from "../control/listener.ts";
import type { Logger } from "../logger.ts";

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
): Promise<(() => Promise<void>) | null> {
  if (store.kind !== "embedded" || config.CRM_DATA_DIR === "memory://") return null;
  const dataDir = resolve(config.CRM_DATA_DIR);
  const token = newControlToken();
  const host = { store, config, logger, describe: `process ${process.pid} (${command})` };
  const listener = await startControlListener(token, (argv, cwd, write) =>
    runHostedCli(argv, host, cwd, write),
  );
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
