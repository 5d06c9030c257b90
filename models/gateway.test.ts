import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../server/config.ts";
import { ModelConfigError, ModelRequestError } from "./errors.ts";
import { createModelGateway } from "./gateway.ts";
import type { ModelLogger } from "./llm-gateway.ts";
import { RunMeter, type Budget } from "./meter.ts";
import type { ModelRequest, PromptRecord } from "./types.ts";

const BUDGET: Budget = { maxLlmCalls: 50, maxTokens: 100_000, maxWallMs: 600_000 };

function setup(chatModel: BaseChatModel | undefined, env: Record<string, string> = {}) {
  const logs: { level: string; msg: string; reason?: string }[] = [];
  const logger: ModelLogger = {
    warn: (o, msg) => logs.push({ level: "warn", msg, ...o }),
    error: (o, msg) => logs.push({ level: "error", msg, ...o }),
  };
  const sleeps: number[] = [];
  const config = parseConfig({
    LLM_MODEL: chatModel ? "fake-model" : undefined,
    LLM_TIMEOUT_MS: "150",
    ...env,
  });
  const gateway = createModelGateway({
    config,
    ...(chatModel ? { chatModel } : {}),
    logger,
    random: () => 1,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { gateway, logs, sleeps };
}

const newRun = (budget: Partial<Budget> = {}) => {
  const prompts: PromptRecord[] = [];
  const meter = new RunMeter({ ...BUDGET, ...budget });
  return { runId: "run-1", meter, prompts, onPrompt: async (p: PromptRecord) => void prompts.push(p) };
};

function ask<T = string>(over: Partial<ModelRequest<T>> = {}): ModelRequest<T> {
  return {
    node: "draft",
    purpose: "test.draft",
    messages: [new HumanMessage("Write to Anna Berg <anna@acme.io>.")],
    knownNames: ["Anna Berg"],
    offline: () => "offline answer" as T,
    offlineVersion: "templates-v1",
    ...over,
  };
}

const ai = (content: string, input = 10, output = 5) =>
  new AIMessage({
    content,
    usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
  });

const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${status} from the provider`), { status, headers });

describe("offline gateway", () => {
  it("answers from the offline provider when no LLM is configured", async () => {
    const { gateway } = setup(undefined);
    const run = newRun();
    expect(gateway.offline).toBe(true);
    const result = await gateway.call(ask(), run);
    expect(result).toEqual({
      value: "offline answer",
      usage: { calls: 0, inputTokens: 0, outputTokens: 0 },
      label: "offline:templates-v1",
      provider: "offline",
      model: null,
      degraded: false,
    });
    expect(run.meter.providers).toEqual(["offline:templates-v1"]);
    expect(run.meter.degraded).toBe(false);
  });

  it("refuses settings that cannot work, naming the variable", () => {
    expect(() => setup(undefined, { LLM_CASSETTE_MODE: "replay" })).toThrow(
      /LLM_CASSETTE_MODE=replay needs LLM_MODEL/,
    );
    expect(() => setup(undefined, { LLM_MODEL: "gpt-4o-mini" })).toThrow(ModelConfigError);
    expect(() => setup(undefined, { LLM_MODEL: "gpt-4o-mini" })).toThrow(/LLM_API_KEY .* LLM_BASE_URL/);
  });
});

describe("LLM gateway over a fake chat model", () => {
  it("returns text, masks the prompt, restores the answer and meters usage per node", async () => {
    const model = fakeModel()
      .respond(ai("Hi [NAME_1], I wrote to [EMAIL_1].", 12, 7))
      .respond(ai("second", 3, 2));
    const { gateway } = setup(model);
    const run = newRun();
    const first = await gateway.call(ask(), run);
    await gateway.call(
      ask({ node: "review", messages: [new SystemMessage("Be brief."), new HumanMessage("ok")] }),
      run,
    );
    expect(first).toMatchObject({
      value: "Hi Anna Berg, I wrote to anna@acme.io.",
      label: "openai:fake-model",
      provider: "llm",
      model: "fake-model",
      degraded: false,
      usage: { calls: 1, inputTokens: 12, outputTokens: 7 },
    });
    expect(model.calls[0]?.messages[0]?.content).toBe("Write to [NAME_1] <[EMAIL_1]>.");
    expect(run.prompts[0]).toEqual({
      node: "draft",
      purpose: "test.draft",
      label: "openai:fake-model",
      messages: [{ role: "user", content: "Write to [NAME_1] <[EMAIL_1]>." }],
    });
    expect(run.meter.report().byNode).toEqual({
      draft: { calls: 1, inputTokens: 12, outputTokens: 7 },
      review: { calls: 1, inputTokens: 3, outputTokens: 2 },
    });
    expect(run.meter.providers).toEqual(["openai:fake-model"]);
  });

  it("returns the AI message with tool calls, arguments restored", async () => {
    const lookup = tool(async () => "", {
      name: "find_contact",
      description: "Finds a contact by email.",
      schema: z.object({ email: z.string().describe("Email address") }),
    });
    const model = fakeModel().respondWithTools([{ name: "find_contact", args: { email: "[EMAIL_1]" } }]);
    const { gateway } = setup(model);
    const result = await gateway.call(ask<AIMessage>({ tools: [lookup] }), newRun());
    expect(result.value.tool_calls?.[0]).toMatchObject({
      name: "find_contact",
      args: { email: "anna@acme.io" },
    });
  });

  it("validates structured output with zod after restoring PII, asking with a json_schema response format", async () => {
    const schema = z.object({ score: z.number().min(0).max(1), contact: z.email() });
    const model = fakeModel().respond(ai('```json\n{"score": 0.7, "contact": "[EMAIL_1]"}\n```'));
    const { gateway } = setup(model);
    const result = await gateway.call(ask({ schema, offline: () => ({ score: 0, contact: "" }) }), newRun());
    expect(result.value).toEqual({ score: 0.7, contact: "anna@acme.io" });
    const options = model.calls[0]?.options as {
      response_format?: { type: string; json_schema: { name: string } };
    };
    expect(options.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "test_draft" },
    });
  });

  it("retries malformed output once, then answers offline with reason malformed", async () => {
    const schema = z.object({ score: z.number() });
    const offline = () => ({ score: 0 });
    const recovering = fakeModel().respond(ai("not json")).respond(ai('{"score": 1}'));
    expect((await setup(recovering).gateway.call(ask({ schema, offline }), newRun())).value).toEqual({
      score: 1,
    });

    const broken = fakeModel().respond(ai("not json")).respond(ai('{"score": "high"}'));
    const run = newRun();
    const result = await setup(broken).gateway.call(ask({ schema, offline }), run);
    expect(result).toMatchObject({ value: { score: 0 }, degraded: true, fallbackReason: "malformed" });
    expect(result.usage.calls).toBe(2);
    expect(broken.callCount).toBe(2);
    expect(run.meter.degraded).toBe(true);
  });

  it("refuses a request with both a schema and tools", async () => {
    const t = tool(async () => "", { name: "t", description: "t", schema: z.object({}) });
    const request = ask({ schema: z.object({}), tools: [t] });
    await expect(setup(fakeModel()).gateway.call(request, newRun())).rejects.toBeInstanceOf(
      ModelRequestError,
    );
  });
});

describe("faults and budgets", () => {
  it("retries a 429 after its Retry-After, then answers", async () => {
    const model = fakeModel()
      .respond(httpError(429, { "retry-after": "2" }))
      .respond(ai("done"));
    const { gateway, sleeps, logs } = setup(model);
    const result = await gateway.call(ask(), newRun());
    expect(result).toMatchObject({ value: "done", degraded: false });
    expect(sleeps).toEqual([2000]);
    expect(logs).toMatchObject([{ level: "warn", reason: "http_429" }]);
  });

  it("answers offline, degraded, after LLM_MAX_RETRIES retries of a 5xx with growing backoff", async () => {
    const model = fakeModel().alwaysThrow(httpError(500));
    const { gateway, sleeps } = setup(model, { LLM_MAX_RETRIES: "2" });
    const run = newRun();
    const result = await gateway.call(ask(), run);
    expect(result).toMatchObject({ value: "offline answer", label: "offline:templates-v1", degraded: true });
    expect(result.fallbackReason).toBe("http_500");
    expect(model.callCount).toBe(3);
    expect(sleeps).toEqual([250, 500]);
    expect(run.meter.degraded).toBe(true);
  });

  it("does not retry a rejected request (401) and logs an error", async () => {
    const model = fakeModel().alwaysThrow(httpError(401));
    const { gateway, logs } = setup(model);
    const result = await gateway.call(ask(), newRun());
    expect(result).toMatchObject({ degraded: true, fallbackReason: "http_401" });
    expect(model.callCount).toBe(1);
    expect(logs).toMatchObject([{ level: "error", reason: "http_401" }]);
  });

  it("never hangs: a model that ignores its abort signal times out per attempt", async () => {
    class Hanging extends BaseChatModel {
      _llmType() {
        return "hanging";
      }
      _generate(): Promise<ChatResult> {
        return new Promise(() => {});
      }
    }
    const { gateway } = setup(new Hanging({}), { LLM_TIMEOUT_MS: "100", LLM_MAX_RETRIES: "1" });
    const started = Date.now();
    const result = await gateway.call(ask(), newRun());
    expect(result).toMatchObject({ degraded: true, fallbackReason: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("answers offline once the run's call budget is spent, and the meter says which budget", async () => {
    const model = fakeModel().respond(ai("one")).respond(ai("two"));
    const { gateway } = setup(model);
    const run = newRun({ maxLlmCalls: 1 });
    expect((await gateway.call(ask(), run)).value).toBe("one");
    const second = await gateway.call(ask(), run);
    expect(second).toMatchObject({
      provider: "offline",
      degraded: true,
      fallbackReason: "budget:max_llm_calls",
    });
    expect(model.callCount).toBe(1);
    expect(run.meter.exceeded()).toEqual({ budget: "max_llm_calls", limit: 1, used: 1 });
  });

  it("stops at the token budget too", async () => {
    const model = fakeModel().respond(ai("big", 900, 200));
    const { gateway } = setup(model);
    const run = newRun({ maxTokens: 1000 });
    await gateway.call(ask(), run);
    expect((await gateway.call(ask(), run)).fallbackReason).toBe("budget:max_tokens");
    expect(run.meter.exceeded()?.budget).toBe("max_tokens");
  });
});

// The composition root passes its pino logger; this fails to type-check if that ever stops fitting.
export const pinoFits = (logger: import("../server/logger.ts").Logger): ModelLogger => logger;
