import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Store } from "../../db/index.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { createCheckpointer } from "../../memory/index.ts";
import { createModelGateway, type Budget } from "../../models/index.ts";
import { createLogger } from "../../server/logger.ts";
import { parseConfig } from "../../server/config.ts";

const silent = { warn: () => {}, error: () => {} };

/**
 * Deps for graph tests on a real store and the real Postgres checkpointer. With `chatModel` the
 * model layer talks to that fake chat model; without it, it is the offline provider.
 */
export async function testDeps(
  store: Store,
  options: { chatModel?: BaseChatModel; budget?: Partial<Budget>; now?: () => Date } = {},
): Promise<Deps> {
  const config = parseConfig({ LLM_MODEL: options.chatModel ? "fake-model" : undefined });
  return {
    sql: store.sql,
    models: createModelGateway({
      config,
      ...(options.chatModel ? { chatModel: options.chatModel } : {}),
      logger: silent,
      sleep: async () => {},
    }),
    embedder: { kind: "hashing", dimensions: 256 },
    checkpointer: await createCheckpointer(store),
    budget: { maxLlmCalls: 50, maxTokens: 100_000, maxWallMs: 600_000, ...options.budget },
    now: options.now ?? (() => new Date()),
    logger: createLogger("silent"),
  };
}
