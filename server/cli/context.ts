import { loadConfig, type Config } from "../config.ts";
import { createLogger, type Logger } from "../logger.ts";
import { migrate, openStore, storeOptionsFromConfig, type Store } from "../../db/index.ts";

/** What every command gets from the composition root. */
export interface CliContext {
  config: Config;
  store: Store;
  log: Logger;
}

/**
 * Loads configuration, opens and migrates the store, runs `fn`, and always closes the store,
 * which releases the embedded data directory for the next process.
 */
export async function withStore<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const store = await openStore(storeOptionsFromConfig(config));
  try {
    const result = await migrate(store.sql);
    if (result.applied.length > 0) {
      log.info({ applied: result.applied.map((m) => m.file) }, "migrations applied");
    }
    return await fn({ config, store, log });
  } finally {
    await store.close();
  }
}
