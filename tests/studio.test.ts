import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { AGENTS } from "../graphs/agents.ts";

/** langgraph.json must list every agent, and each entry must load as a compiled LangGraph graph. */
describe("langgraph.json", () => {
  const manifest = JSON.parse(readFileSync(new URL("../langgraph.json", import.meta.url), "utf8")) as {
    graphs: Record<string, string>;
  };
  let close: (() => Promise<void>) | undefined;
  afterAll(() => close?.());

  it("lists every agent the engine can run", () => {
    expect(Object.keys(manifest.graphs).sort()).toEqual(Object.keys(AGENTS).sort());
  });

  it("resolves each entry to a compiled graph with the agent's nodes", async () => {
    process.env.CRM_DATA_DIR = "memory://";
    const studio = (await import("../graphs/studio.ts")) as unknown as Record<string, unknown> & {
      closeStudio: () => Promise<void>;
    };
    close = studio.closeStudio;
    for (const [name, entry] of Object.entries(manifest.graphs)) {
      const [file, exported] = entry.split(":");
      expect(file).toBe("./graphs/studio.ts");
      const graph = studio[exported!] as { getGraphAsync: () => Promise<{ nodes: Record<string, unknown> }> };
      expect(graph, `${name} is exported`).toBeDefined();
      const drawn = await graph.getGraphAsync();
      expect(Object.keys(drawn.nodes).length, `${name} has nodes`).toBeGreaterThan(3);
      expect(Object.keys(drawn.nodes)).toContain("__start__");
    }
  }, 180_000); // opens and migrates an in-memory store first
});
