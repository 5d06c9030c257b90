import type { Store } from "../db/index.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { createCheckpointer, embedderSettingsFromConfig } from "../memory/index.ts";

import { createModelGateway } from "../models/index.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

/**
 * The composition root of agent runs: the one place that turns configuration into the clients
 * graphs use (store, model layer, embedder settings, checkpointer, budget, clock, logger).
 */
export async function buildDeps(config: Config, store: Store, logger: Logger): Promise<Deps> {
  return {
    sql: store.sql,
    models: createModelGateway({ config, logger: logger.child({ layer: "models" }) }),
    embedder: embedderSettingsFromConfig(config),
    checkpointer: await createCheckpointer(store),
    budget: {
      maxLlmCalls: config.RUN_MAX_LLM_CALLS,
      maxTokens: config.RUN_MAX_TOKENS,
      maxWallMs: config.RUN_MAX_WALL_MS,
    },
    now: () => new Date(),
    logger,
  };
}
