import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { Cassette, fromRecordedAnswer, toRecordedAnswer, type CassetteEntry } from "./cassette.ts";
import { cassetteKey, canonicalJson } from "./cassette-key.ts";
import { CassetteFileError } from "./errors.ts";

const entry = (text: string): CassetteEntry => ({
  purpose: "p",
  node: "n",
  model: "m",
  request: { messages: [{ role: "user", content: "hi [EMAIL_1]" }], tools: [], schema: null },
  response: { content: text, usage: { inputTokens: 5, outputTokens: 2 } },
});

describe("cassette key", () => {
  const request = {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Hello [NAME_1]" }],
    tools: [{ name: "lookup", description: "d", parameters: { type: "object", properties: {} } }],
    responseFormat: null,
  };

  it("is the sha256 of canonical JSON: key order does not matter, every part does", () => {
    const reordered = {
      responseFormat: null,
      tools: request.tools,
      messages: request.messages,
      model: "gpt-4o-mini",
    };
    expect(cassetteKey(reordered)).toBe(cassetteKey(request));
    expect(cassetteKey(request)).toMatch(/^[0-9a-f]{64}$/);
    expect(cassetteKey({ ...request, model: "llama3.1" })).not.toBe(cassetteKey(request));
    expect(cassetteKey({ ...request, tools: [] })).not.toBe(cassetteKey(request));
    expect(cassetteKey({ ...request, responseFormat: { type: "object" } })).not.toBe(cassetteKey(request));
    expect(canonicalJson({ b: 1, a: { d: undefined, c: 2 } })).toBe('{"a":{"c":2},"b":1}');
  });
});

describe("Cassette file", () => {
  it("writes pretty, key-sorted JSON atomically and merges entries another writer added", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cassette-"));
    const file = join(dir, "nested", "c.json");
    const a = new Cassette(file);
    await a.put("bbb", entry("first"));
    await new Cassette(file).put("aaa", entry("other process"));
    await a.put("ccc", entry("third"));
    const text = await readFile(file, "utf8");
    expect(Object.keys(JSON.parse(text).entries)).toEqual(["aaa", "bbb", "ccc"]);
    expect(text).toContain('\n  "version": 1,');
    expect(await readdir(join(dir, "nested"))).toEqual(["c.json"]); // no temp files left
    expect((await new Cassette(file).get("bbb"))?.response.content).toBe("first");
    expect(await new Cassette(join(dir, "missing.json")).get("x")).toBeUndefined();
  });

  it("refuses a file that is not a cassette", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "cassette-")), "bad.json");
    await writeFile(file, "{ not json");
    await expect(new Cassette(file).get("k")).rejects.toBeInstanceOf(CassetteFileError);
  });

  it("round-trips an answer with tool calls and usage, under a fresh message id", () => {
    const answer = new AIMessage({
      id: "chatcmpl-1",
      content: "",
      tool_calls: [{ id: "call_1", name: "lookup", args: { q: "[EMAIL_1]" }, type: "tool_call" }],
      usage_metadata: { input_tokens: 10, output_tokens: 3, total_tokens: 13 },
    });
    const back = fromRecordedAnswer(toRecordedAnswer(answer));
    expect(back.tool_calls).toEqual(answer.tool_calls);
    expect(back.usage_metadata).toMatchObject({ input_tokens: 10, output_tokens: 3 });
    expect(back.id).toMatch(/^cassette-/);
  });
});
