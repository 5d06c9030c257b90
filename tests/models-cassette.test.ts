import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CassetteMissError,
  createModelGateway,
  RunMeter,
  type ModelLogger,
  type ModelRequest,
} from "../models/index.ts";
import { parseConfig } from "../server/config.ts";
import { startOpenAIServer, type OpenAITestServer } from "./support/openai-server.ts";

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

const quiet: ModelLogger = { warn: () => {}, error: () => {} };
const newRun = () => ({
  runId: crypto.randomUUID(),
  meter: new RunMeter({ maxLlmCalls: 20, maxTokens: 1e6, maxWallMs: 60_000 }),
});
const cassetteFile = async () => join(await mkdtemp(join(tmpdir(), "cassette-")), "cassettes", "run.json");

function gateway(mode: string, file: string, env: Record<string, string> = {}) {
  const config = parseConfig({
    LLM_MODEL: "test-model",
    LLM_BASE_URL: server.url,
    LLM_API_KEY: "sk-recording-key",
    LLM_CASSETTE_MODE: mode,
    LLM_CASSETTE: file,
    ...env,
  });
  return createModelGateway({ config, logger: quiet });
}

function ask<T = string>(over: Partial<ModelRequest<T>> = {}): ModelRequest<T> {
  return {
    node: "draft",
    purpose: "sales.lead-draft",
    messages: [new HumanMessage("Follow up with Kim Ode <kim@ode.example>.")],
    knownNames: ["Kim Ode"],
    offline: () => "offline draft" as T,
    offlineVersion: "templates-v1",
    ...over,
  };
}

describe("record and replay", () => {
  it("records live answers to a readable, masked file and replays them with zero HTTP calls", async () => {
    const file = await cassetteFile();
    const schema = z.object({ subject: z.string() });
    const lookup = tool(async () => "", {
      name: "find",
      description: "Find.",
      schema: z.object({ q: z.string() }),
    });
    server.enqueue(
      { kind: "text", text: "Hi [NAME_1]!" },
      { kind: "json", value: { subject: "For [NAME_1]" } },
      { kind: "tool_calls", calls: [{ name: "find", args: { q: "[EMAIL_1]" } }] },
    );
    const recorder = gateway("record", file);
    const text = await recorder.call(ask(), newRun());
    const structured = await recorder.call(ask({ schema, offline: () => ({ subject: "" }) }), newRun());
    const withTools = await recorder.call(ask<AIMessage>({ tools: [lookup] }), newRun());
    expect(text.value).toBe("Hi Kim Ode!");

    const saved = await readFile(file, "utf8");
    expect(saved).not.toContain("kim@ode.example");
    expect(saved).not.toContain("Kim Ode");
    const entries = Object.values(JSON.parse(saved).entries) as {
      purpose: string;
      request: { messages: unknown };
    }[];
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      purpose: "sales.lead-draft",
      request: { messages: [{ role: "user", content: "Follow up with [NAME_1] <[EMAIL_1]>." }] },
    });

    // Another key, another endpoint (nothing listens there): the key ignores both.
    const calls = server.completions().length;
    const replayer = gateway("replay-or-fail", file, {
      LLM_API_KEY: "sk-other",
      LLM_BASE_URL: "http://127.0.0.1:9/v1",
    });
    const run = newRun();
    const replayedText = await replayer.call(ask(), run);
    expect(replayedText).toMatchObject({
      value: "Hi Kim Ode!",
      label: "cassette:test-model",
      provider: "llm",
      degraded: false,
    });
    expect(replayedText.usage).toEqual(text.usage);
    expect((await replayer.call(ask({ schema, offline: () => ({ subject: "" }) }), run)).value).toEqual(
      structured.value,
    );
    const replayedTools = await replayer.call(ask<AIMessage>({ tools: [lookup] }), run);
    expect(replayedTools.value.tool_calls).toEqual(withTools.value.tool_calls);
    expect(replayedTools.value.tool_calls?.[0]?.args).toEqual({ q: "kim@ode.example" });
    expect(server.completions()).toHaveLength(calls);
    expect(run.meter.report().total.calls).toBe(3);
    expect(run.meter.providers).toEqual(["cassette:test-model"]);
  });

  it("replay-or-fail throws on a miss, naming purpose, node, model, key and file", async () => {
    const file = await cassetteFile();
    const error = await gateway("replay-or-fail", file)
      .call(ask({ purpose: "cs.triage", node: "classify" }), newRun())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteMissError);
    const message = (error as Error).message;
    for (const part of ['"cs.triage"', '"classify"', '"test-model"', file]) expect(message).toContain(part);
    expect(message).toMatch(/key [0-9a-f]{64}/);
  });

  it("replay goes live on a miss when an endpoint is configured, and does not write the cassette", async () => {
    const file = await cassetteFile();
    server.enqueue({ kind: "text", text: "live answer" });
    const before = server.completions().length;
    const result = await gateway("replay", file).call(ask(), newRun());
    expect(result).toMatchObject({ value: "live answer", label: "openai-compatible:test-model" });
    expect(server.completions()).toHaveLength(before + 1);
    await expect(readFile(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("replay without an endpoint answers offline on a miss (cassette_miss)", async () => {
    const file = await cassetteFile();
    const config = parseConfig({ LLM_MODEL: "test-model", LLM_CASSETTE_MODE: "replay", LLM_CASSETTE: file });
    const run = newRun();
    const result = await createModelGateway({ config, logger: quiet }).call(ask(), run);
    expect(result).toMatchObject({ value: "offline draft", degraded: true, fallbackReason: "cassette_miss" });
    expect(run.meter.degraded).toBe(true);
  });
});
