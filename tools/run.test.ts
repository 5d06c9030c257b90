import { describe, expect, it } from "vitest";
import { z } from "zod";
import { evidenceId } from "./evidence.ts";
import { idempotencyKey } from "./idempotency.ts";
import { defineTool, formatPath, runTool } from "./run.ts";
import type { ToolContext } from "./types.ts";

const ctx = {
  tenantId: "t",
  runId: null,
  agent: "sales",
  allowedTools: ["echo"],
  node: "n",
} as unknown as ToolContext;
const RUN = "6f1c1e2a-8b8e-4c53-9a51-0f0f0f0f0f0f";

const echo = defineTool({
  name: "echo",
  description: "Echoes its input.",
  kind: "write",
  input: z.object({ items: z.array(z.object({ n: z.number().describe("n") })).describe("items") }),
  handler: async (input) => input,
});

describe("runTool", () => {
  it("names the first invalid field by its path", async () => {
    await expect(runTool(echo, { items: [{ n: 1 }, { n: "x" }] }, ctx)).rejects.toMatchObject({
      code: "TOOL_INPUT_INVALID",
      path: "items[1].n",
    });
    expect(formatPath(["reasons", 0, "evidence_ids", 2])).toBe("reasons[0].evidence_ids[2]");
  });

  it("validates before refusing a write without a run", async () => {
    await expect(runTool(echo, { items: [] }, ctx)).rejects.toMatchObject({ code: "RUN_REQUIRED" });
    await expect(runTool(echo, { items: [] }, { ...ctx, runId: RUN })).resolves.toEqual({ items: [] });
  });
});

describe("evidence ids and idempotency keys", () => {
  it("accepts the documented formats only", () => {
    const ok = [
      `activity:${RUN}`,
      `kb_article:${RUN}`,
      `usage:${RUN}:2026-10-01`,
      `lead:${RUN.toUpperCase()}`,
    ];
    for (const id of ok) expect(evidenceId.safeParse(id).success, id).toBe(true);
    const bad = ["activity:1", "usage:2026-10", `note:${RUN}`, `activity:${RUN} `, `usage:${RUN}`];
    for (const id of bad) expect(evidenceId.safeParse(id).success, id).toBe(false);
  });

  it("derives the key from run, node, entity and output kind", () => {
    const target = { entityKind: "lead", entityId: RUN.toUpperCase(), output: "score:lead" };
    expect(idempotencyKey({ ...ctx, runId: RUN }, "record_score", target)).toBe(
      `${RUN}:n:lead:${RUN}:score:lead`,
    );
    expect(() => idempotencyKey({ ...ctx, runId: "run-1" }, "record_score", target)).toThrow(/not a uuid/);
  });
});
