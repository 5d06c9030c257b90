// LangGraph's official conformance suite for checkpoint savers, run on the CRM checkpointer over
// both stores. The suite calls vitest's API as globals (its own CLI starts vitest with
// `globals: true`); this project does not enable globals, so this file provides them.
import {
  deltaChannelHistoryTests,
  validate,
  type CheckpointSaverTestInitializer,
} from "@langchain/langgraph-checkpoint-validation";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, test } from "vitest";
import type { Store } from "../db/index.ts";
import { CHECKPOINT_SCHEMA, createCheckpointer } from "../memory/checkpoint/index.ts";
import { openTestStore, STORE_KINDS } from "./support/stores.ts";

Object.assign(globalThis, { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach });

for (const kind of STORE_KINDS) {
  describe(kind, () => {
    let store: Store;
    const initializer: CheckpointSaverTestInitializer<PostgresSaver> = {
      checkpointerName: `PostgresSaver on the CRM store (${kind})`,
      beforeAllTimeout: 120_000,
      async beforeAll() {
        store = await openTestStore(kind);
      },
      async afterAll() {
        await store.close();
      },
      createCheckpointer: () => createCheckpointer(store),
      // Instances share the store: each starts from empty tables, as the suite requires.
      async destroyCheckpointer() {
        await store.sql.unsafe(
          `TRUNCATE ${["checkpoints", "checkpoint_blobs", "checkpoint_writes"]
            .map((t) => `"${CHECKPOINT_SCHEMA}".${t}`)
            .join(", ")}`,
        );
      },
    };
    validate(initializer);
    // Opt-in part of the suite (not run by validate()); LangGraph runs it on its own savers.
    deltaChannelHistoryTests(initializer);
  });
}
