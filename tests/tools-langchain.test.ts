import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { z } from "zod";
import type { Store } from "../db/index.ts";
import {
  langChainTools,
  runToolCall,
  toolConfig,
  TOOLS,
  toLangChainTool,
  type ToolContext,
  type ToolName,
} from "../tools/index.ts";
import { bookContext, writeToolsBook, type ToolsBook } from "./support/tools-book.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

/** Every property of a JSON schema, at any depth, with its path. */
function properties(schema: unknown, path = ""): [string, Record<string, unknown>][] {
  if (!schema || typeof schema !== "object") return [];
  const s = schema as Record<string, unknown>;
  const own = Object.entries((s["properties"] ?? {}) as Record<string, Record<string, unknown>>);
  return [
    ...own.flatMap(([k, v]) => [
      [`${path}.${k}`, v] as [string, Record<string, unknown>],
      ...properties(v, `${path}.${k}`),
    ]),
    ...properties(s["items"], `${path}[]`),
    ...((s["anyOf"] ?? []) as unknown[]).flatMap((x) => properties(x, path)),
  ];
}

describe("tool definitions", () => {
  it("describe every field of every tool", () => {
    for (const [name, tool] of Object.entries(TOOLS)) {
      expect(tool.name).toBe(name);
      expect(tool.description.length).toBeGreaterThan(40);
      for (const [path, prop] of properties(z.toJSONSchema(tool.input, { io: "input" }))) {
        expect(prop["description"], `${name}${path}`).toBeTruthy();
      }
    }
  });

  it("convert to chat-model tool definitions", () => {
    for (const tool of Object.values(TOOLS)) {
      const def = convertToOpenAITool(toLangChainTool(tool));
      expect(def.function.name).toBe(tool.name);
      // an object schema, possibly without properties (settings reads take no input)
      expect(def.function.parameters).toMatchObject({ type: "object" });
    }
  });
});

for (const kind of STORE_KINDS) {
  describe(`LangChain tools on ${kind}`, () => {
    let store: Store;
    let a: ToolsBook;
    let ctx: ToolContext;
    const allow: ToolName[] = ["account_360", "record_score"];

    beforeAll(async () => {
      store = await openTestStore(kind);
      a = await writeToolsBook(store.sql, "lc-a");
      ctx = bookContext(store.sql, a);
    });
    afterAll(() => store.close());

    it("binds exactly the allow-list and takes the context from config.configurable", async () => {
      const tools = langChainTools(allow);
      expect(tools.map((t) => t.name)).toEqual(allow);
      const out = await tools[0]!.invoke({ account_id: a.accounts.acme }, toolConfig(ctx));
      expect(JSON.parse(out as string).account.name).toBe("Acme Analytics");
    });

    it("never takes the tenant from model input", async () => {
      const [account360] = langChainTools(["account_360"]);
      // an extra tenant_id argument is stripped by the schema; the config's tenant still applies
      const out = await account360!.invoke(
        { account_id: a.accounts.acme, tenant_id: "00000000-0000-0000-0000-000000000000" },
        toolConfig(ctx),
      );
      expect(JSON.parse(out as string).account.id).toBe(a.accounts.acme);
      await expect(account360!.invoke({ account_id: a.accounts.acme })).rejects.toMatchObject({
        code: "TOOL_CONTEXT_MISSING",
      });
    });

    it("refuses a tool call outside the agent's allow-list", async () => {
      const call = { name: "create_draft", args: {} };
      await expect(runToolCall(allow, call, toolConfig(ctx))).rejects.toMatchObject({
        code: "TOOL_NOT_ALLOWED",
      });
      await expect(
        runToolCall(allow, { name: "account_360", args: { account_id: a.accounts.beta } }, toolConfig(ctx)),
      ).resolves.toMatchObject({ account: { name: "Beta Bakery" } });
    });
  });
}
