import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Store } from "../../../db/index.ts";
import { parseConfig } from "../../../server/config.ts";
import { createLogger } from "../../../server/logger.ts";
import type { SuiteContext } from "../../core/types.ts";
import { textModes } from "./modes.ts";

async function context(env: Record<string, string>, cassette: boolean): Promise<SuiteContext> {
  const root = await mkdtemp(join(tmpdir(), "eval-modes-"));
  if (cassette) {
    await mkdir(join(root, "evals/cassettes"), { recursive: true });
    await writeFile(join(root, "evals/cassettes/drafts.json"), JSON.stringify({ format: 1, entries: [] }));
  }
  return {
    store: {} as Store, // textModes builds gateways only; it never reads the store
    config: parseConfig(env),
    logger: createLogger("silent"),
    options: { datasetsDir: root, seed: 42, shuffleLabels: false },
    progress: { step: () => {} },
    root,
  };
}

describe("LLM-dependent metrics", () => {
  it("are not run without a cassette or an endpoint, and say why", async () => {
    const [offline, llm] = textModes(await context({}, false), "drafts");
    expect(offline.name).toBe("offline");
    expect(offline.models?.offline).toBe(true);
    expect(llm).toMatchObject({
      name: "llm",
      models: null,
      reason: expect.stringMatching(/LLM_MODEL is unset/),
    });

    const replay = { LLM_MODEL: "gpt-4o-mini", LLM_CASSETTE_MODE: "replay-or-fail" };
    const [, noCassette] = textModes(await context(replay, false), "drafts");
    expect(noCassette).toMatchObject({
      models: null,
      reason: expect.stringMatching(/no cassette at evals\/cassettes\/drafts\.json and no endpoint/),
    });
  });

  it("replay the suite's own cassette when it exists, or go to a configured endpoint", async () => {
    const replay = { LLM_MODEL: "gpt-4o-mini", LLM_CASSETTE_MODE: "replay-or-fail" };
    const [, fromCassette] = textModes(await context(replay, true), "drafts");
    expect(fromCassette).toMatchObject({
      name: "llm",
      source: "cassette",
      cassette: expect.stringMatching(/evals\/cassettes\/drafts\.json$/),
    });
    expect(fromCassette.models?.offline).toBe(false);

    const live = { LLM_MODEL: "llama3.1", LLM_BASE_URL: "http://localhost:11434/v1" };
    const [, fromEndpoint] = textModes(await context(live, false), "drafts");
    expect(fromEndpoint).toMatchObject({ name: "llm", source: "endpoint" });
  });
});
