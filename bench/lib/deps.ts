import type { Store } from "../../db/index.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { createCheckpointer } from "../../memory/index.ts";
import { createModelGateway } from "../../models/index.ts";
import { parseConfig } from "../../server/config.ts";
import { createLogger } from "../../server/logger.ts";

/**
 * The runtime's dependencies as a benchmark uses them: the offline model gateway (no endpoint
 * configured), the default hashing embedder, the store's Postgres checkpointer, silent logs.
 */
export async function benchDeps(store: Store, overrides: Partial<Deps> = {}): Promise<Deps> {
  const config = parseConfig({});
  const silent = { warn: () => {}, error: () => {} };
  return {
    sql: store.sql,
    models: createModelGateway({ config, logger: silent }),
    embedder: { kind: "hashing", dimensions: 512 },
    checkpointer: await createCheckpointer(store),
    budget: { maxLlmCalls: 50, maxTokens: 100_000, maxWallMs: 3_600_000 },
    now: () => new Date(),
    logger: createLogger("silent"),
    ...overrides,
  };
}
