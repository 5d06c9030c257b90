import { HumanMessage } from "@langchain/core/messages";
import { ChatOpenAICompletions, OpenAIEmbeddings } from "@langchain/openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIServer, type OpenAITestServer } from "./openai-server.ts";

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

interface Completion {
  id: string;
  choices: { message: { role: string; content: string | null } }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}
const complete = async (body: unknown) =>
  (await (await post("/chat/completions", body)).json()) as Completion;

describe("OpenAI-compatible test server", () => {
  it("answers completions from its queue, then with the default reply; unique ids, usage, recorded requests", async () => {
    server.enqueue({ kind: "text", text: "first" });
    const a = await complete({ model: "m", messages: [{ role: "user", content: "hi" }] });
    const b = await complete({ model: "m", messages: [] });
    expect(a.choices[0]?.message).toEqual({ role: "assistant", content: "first" });
    expect(b.choices[0]?.message.content).toBe("ok from the test server");
    expect(a.id).not.toBe(b.id);
    expect(a.usage.total_tokens).toBe(a.usage.prompt_tokens + a.usage.completion_tokens);
    expect(server.completions().map((r) => r.body.messages)).toEqual([[{ role: "user", content: "hi" }], []]);
  });

  it("sends scripted errors with Retry-After, and 404 for other routes", async () => {
    server.enqueue({ kind: "error", status: 429, retryAfter: 3 });
    const limited = await post("/chat/completions", { model: "m", messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await post("/models", {})).status).toBe(404);
    expect(server.requests).toHaveLength(2);
  });

  it("streams SSE with the role in the first delta, usage when asked, through the real client", async () => {
    const model = new ChatOpenAICompletions({
      model: "m",
      apiKey: "x",
      configuration: { baseURL: server.url },
      maxRetries: 0,
      streamUsage: true,
    });
    server.enqueue({ kind: "text", text: "streamed words here" });
    let text = "";
    let outputTokens = 0;
    for await (const chunk of await model.stream([new HumanMessage("hi")])) {
      text += chunk.text;
      outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
    }
    expect(text).toBe("streamed words here");
    expect(outputTokens).toBeGreaterThan(0);
    expect(server.completions()[0]?.body.stream).toBe(true);

    server.enqueue({ kind: "tool_calls", calls: [{ name: "find", args: { q: "x" } }] });
    const bound = model.bindTools([
      { type: "function", function: { name: "find", parameters: { type: "object" } } },
    ]);
    let calls: unknown[] = [];
    for await (const chunk of await bound.stream([new HumanMessage("hi")])) {
      if (chunk.tool_call_chunks?.length) calls = chunk.tool_call_chunks;
    }
    expect(calls).toMatchObject([{ name: "find", args: '{"q":"x"}' }]);
  });

  it("returns deterministic unit embeddings of the requested dimensions, as floats or base64", async () => {
    const raw = (await (await post("/embeddings", { model: "e", input: ["alpha", "beta"] })).json()) as {
      data: { embedding: number[] }[];
    };
    expect(raw.data).toHaveLength(2);
    expect(raw.data[0]?.embedding).toHaveLength(1536);
    const norm = Math.hypot(...(raw.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 5);

    const embeddings = new OpenAIEmbeddings({
      model: "e",
      dimensions: 64,
      apiKey: "x",
      configuration: { baseURL: server.url },
      maxRetries: 0,
    });
    const [v1, v2] = await embeddings.embedDocuments(["alpha", "alpha"]);
    const [v3] = await embeddings.embedDocuments(["beta"]);
    expect(v1).toHaveLength(64);
    expect(v1).toEqual(v2);
    expect(v1).not.toEqual(v3);
    expect(server.requests.filter((r) => r.path === "/v1/embeddings").at(-1)?.body.dimensions).toBe(64);
  });
});
