import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createModelGateway, type ModelGateway } from "../../../models/index.ts";
import type { SuiteContext } from "../../core/types.ts";

/**
 * Who writes the agents' text in an agent suite: the offline provider (always run: it is a
 * product mode), and an LLM when one can answer — a cassette to replay, or an endpoint.
 */
export type TextMode =
  | { name: "offline"; models: ModelGateway }
  | { name: "llm"; models: ModelGateway; cassette: string; source: "cassette" | "endpoint" }
  | { name: "llm"; models: null; reason: string };

/** The cassette an agent suite replays (recorded with LLM_CASSETTE_MODE=record). */
export const cassetteFile = (ctx: SuiteContext, suite: string): string =>
  resolve(ctx.root, "evals/cassettes", `${suite}.json`);

/**
 * The offline mode, and the LLM mode or why it cannot run. The LLM mode reads the suite's own
 * cassette (`evals/cassettes/<suite>.json`) under the configured LLM_CASSETTE_MODE: `replay-or-fail`
 * in CI, so a changed prompt fails instead of going live. With neither a cassette nor an endpoint
 * its metrics are reported as not run.
 */
export function textModes(
  ctx: SuiteContext,
  suite: string,
): [Extract<TextMode, { name: "offline" }>, TextMode] {
  const { config, logger } = ctx;
  const offline = createModelGateway({
    config: { ...config, LLM_MODEL: undefined, LLM_CASSETTE_MODE: "off" },
    logger: logger.child({ layer: "models" }),
  });
  const cassette = cassetteFile(ctx, suite);
  const hasCassette = existsSync(cassette);
  const endpoint = Boolean(config.LLM_BASE_URL || config.LLM_API_KEY);
  const replaying = config.LLM_CASSETTE_MODE === "replay" || config.LLM_CASSETTE_MODE === "replay-or-fail";
  let llm: TextMode;
  if (!config.LLM_MODEL) {
    llm = {
      name: "llm",
      models: null,
      reason: `LLM_MODEL is unset: no endpoint, and a cassette (${suite}.json) replays only under its model name`,
    };
  } else if (!hasCassette && (replaying || !endpoint)) {
    llm = {
      name: "llm",
      models: null,
      reason: `no cassette at evals/cassettes/${suite}.json and no endpoint`,
    };
  } else {
    llm = {
      name: "llm",
      cassette,
      source: hasCassette && replaying ? "cassette" : "endpoint",
      models: createModelGateway({
        config: { ...config, LLM_CASSETTE: cassette },
        logger: logger.child({ layer: "models" }),
      }),
    };
  }
  return [{ name: "offline", models: offline }, llm];
}
