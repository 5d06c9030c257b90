import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createModelGateway, RunMeter, type ModelLogger, type ModelRequest } from "../models/index.ts";
import { parseConfig } from "../server/config.ts";
import { startOpenAIServer, type OpenAITestServer } from "./support/openai-server.ts";

// The HTTP path end to end: the real @langchain/openai client against a local OpenAI-compatible server.

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const quiet: ModelLogger = { warn: () => {}, error: () => {} };
const sleeps: number[] = [];

function gateway(env: Record<string, string> = {}) {
  const config = parseConfig({
    LLM_MODEL: "test-model",
    LLM_BASE_URL: server.url,
    LLM_API_KEY: "sk-test",
    ...env,
  });
  return createModelGateway({ config, logger: quiet, sleep: async (ms) => void sleeps.push(ms) });
}

const newRun = () => ({
  runId: "run-1",
  meter: new RunMeter({ maxLlmCalls: 20, maxTokens: 100_000, maxWallMs: 60_000 }),
});

function ask<T = string>(over: Partial<ModelRequest<T>> = {}): ModelRequest<T> {
  return {
    node: "draft",
    purpose: "sales.lead-draft",
    messages: [new HumanMessage("Draft a follow-up.")],
    offline: () => "offline draft" as T,
    offlineVersion: "templates-v1",
    ...over,
  };
}

const lookup = tool(async () => "", {
  name: "find_contact",
  description: "Finds a contact by email.",
  schema: z.object({ email: z.string().describe("Email address") }),
});

describe("model gateway over HTTP", () => {
  it("returns plain text with the server's usage, labelled openai-compatible", async () => {
    server.enqueue({ kind: "text", text: "Hello there." });
    const run = newRun();
    const result = await gateway().call(ask(), run);
    expect(result).toMatchObject({
      value: "Hello there.",
      label: "openai-compatible:test-model",
      degraded: false,
    });
    expect(result.usage.calls).toBe(1);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(run.meter.report().byNode.draft).toEqual(result.usage);
    const body = server.completions()[0]?.body;
    expect(body).toMatchObject({ model: "test-model", temperature: 0, stream: false });
    expect(server.completions()[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  it("sends tools and returns the tool calls; a tool result goes back on the next call", async () => {
    server.enqueue({ kind: "tool_calls", calls: [{ name: "find_contact", args: { email: "[EMAIL_1]" } }] });
    const messages = [new HumanMessage("Who is ann@acme.io?")];
    const first = await gateway().call(ask<AIMessage>({ tools: [lookup], messages }), newRun());
    const call = first.value.tool_calls?.[0];
    expect(call).toMatchObject({ name: "find_contact", args: { email: "ann@acme.io" } });
    expect(server.completions()[0]?.body.tools).toMatchObject([
      { type: "function", function: { name: "find_contact" } },
    ]);

    server.enqueue({ kind: "text", text: "Ann is the buyer." });
    const history = [
      ...messages,
      first.value,
      new ToolMessage({ content: '{"name":"Ann"}', tool_call_id: call!.id! }),
    ];
    const second = await gateway().call(ask<AIMessage>({ tools: [lookup], messages: history }), newRun());
    expect(second.value.content).toBe("Ann is the buyer.");
    const sent = server.completions()[1]?.body.messages as { role: string; tool_calls?: unknown[] }[];
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(JSON.stringify(sent)).not.toContain("ann@acme.io");
  });

  it("asks for structured output with a json_schema response format and validates it", async () => {
    const schema = z.object({ subject: z.string(), priority: z.enum(["low", "high"]) });
    server.enqueue({ kind: "json", value: { subject: "Renewal", priority: "high" } });
    const result = await gateway().call(
      ask({ schema, offline: () => ({ subject: "", priority: "low" }) }),
      newRun(),
    );
    expect(result.value).toEqual({ subject: "Renewal", priority: "high" });
    expect(server.completions()[0]?.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "sales_lead-draft",
        strict: false,
        schema: { type: "object", required: ["subject", "priority"] },
      },
    });
  });

  it("masks emails, phones and known names in what the server receives, and restores them in the answer", async () => {
    server.enqueue({ kind: "text", text: "Call [NAME_1] on [PHONE_1] or mail [EMAIL_1]." });
    const prompts: unknown[] = [];
    const run = { ...newRun(), onPrompt: async (p: unknown) => void prompts.push(p) };
    const messages = [
      new HumanMessage("Contact: Dana Reyes, dana.reyes@example.com, +1 (415) 555-0134, renewal 2025-06-30."),
    ];
    const result = await gateway().call(ask({ messages, knownNames: ["Dana Reyes"] }), run);
    const sent = JSON.stringify(server.completions()[0]?.body.messages);
    expect(sent).toContain("Contact: [NAME_1], [EMAIL_1], [PHONE_1], renewal 2025-06-30.");
    for (const pii of ["Dana", "dana.reyes@example.com", "555-0134"]) expect(sent).not.toContain(pii);
    expect(result.value).toBe("Call Dana Reyes on +1 (415) 555-0134 or mail dana.reyes@example.com.");
    expect(JSON.stringify(prompts)).not.toContain("Dana");
  });
});

describe("faults over HTTP", () => {
  it("retries a 429 honouring Retry-After, then answers", async () => {
    sleeps.length = 0;
    server.enqueue({ kind: "error", status: 429, retryAfter: 1 }, { kind: "text", text: "after the wait" });
    const result = await gateway().call(ask(), newRun());
    expect(result).toMatchObject({ value: "after the wait", degraded: false });
    expect(sleeps).toEqual([1000]);
    expect(server.completions()).toHaveLength(2);
  });

  it("falls back offline, degraded, after 500 × (LLM_MAX_RETRIES + 1)", async () => {
    server.enqueue(...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 500 })));
    const run = newRun();
    const result = await gateway({ LLM_MAX_RETRIES: "2" }).call(ask(), run);
    expect(result).toMatchObject({
      value: "offline draft",
      provider: "offline",
      degraded: true,
      fallbackReason: "http_500",
    });
    expect(server.completions()).toHaveLength(3);
    expect(run.meter.degraded).toBe(true);
    expect(run.meter.providers).toEqual(["offline:templates-v1"]);
  });

  it("times out a slow answer and falls back without hanging", async () => {
    server.enqueue({ kind: "delay", ms: 5000 }, { kind: "delay", ms: 5000 });
    const started = Date.now();
    const result = await gateway({ LLM_TIMEOUT_MS: "200", LLM_MAX_RETRIES: "1" }).call(ask(), newRun());
    expect(result).toMatchObject({ degraded: true, fallbackReason: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.completions()).toHaveLength(2);
  });

  it("retries a dropped connection", async () => {
    server.enqueue({ kind: "drop" }, { kind: "text", text: "reconnected" });
    expect((await gateway().call(ask(), newRun())).value).toBe("reconnected");
  });

  it("retries a malformed body or invalid structured JSON once, then falls back as malformed", async () => {
    server.enqueue({ kind: "malformed_body" }, { kind: "malformed_body" });
    expect((await gateway().call(ask(), newRun())).fallbackReason).toBe("malformed");
    expect(server.completions()).toHaveLength(2);

    const schema = z.object({ n: z.number() });
    server.enqueue({ kind: "text", text: "{not json" }, { kind: "json", value: { n: "one" } });
    const result = await gateway().call(ask({ schema, offline: () => ({ n: 0 }) }), newRun());
    expect(result).toMatchObject({ value: { n: 0 }, degraded: true, fallbackReason: "malformed" });
    expect(result.usage.calls).toBe(2); // both answers count, though the first had no usable tokens
    expect(server.completions()).toHaveLength(4);
  });

  it("does not retry a 400 or 404", async () => {
    server.enqueue({ kind: "error", status: 404, message: "model not found" });
    expect((await gateway().call(ask(), newRun())).fallbackReason).toBe("http_404");
    expect(server.completions()).toHaveLength(1);
  });

  it("answers offline when the run's budget is spent, without calling the server", async () => {
    const run = {
      runId: "run-1",
      meter: new RunMeter({ maxLlmCalls: 1, maxTokens: 100_000, maxWallMs: 60_000 }),
    };
    await gateway().call(ask(), run);
    const second = await gateway().call(ask(), run);
    expect(second.fallbackReason).toBe("budget:max_llm_calls");
    expect(server.completions()).toHaveLength(1);
    expect(run.meter.exceeded()?.budget).toBe("max_llm_calls");
  });
});
