// The real `langgraphjs dev` (@langchain/langgraph-cli from npm) on langgraph.json, in a temporary
// copy of the repo (the CLI rewrites .gitignore), over an embedded store holding one tenant: the
// SDK completes a run of every agent graph through it, each graph building its run scope itself.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openStore } from "../db/index.ts";
import { AGENTS } from "../graphs/agents.ts";
import { writeSalesBook } from "./support/sales-book.ts";
import { freePort } from "./support/free-port.ts";

const ROOT = new URL("..", import.meta.url).pathname;

describe("langgraphjs dev on langgraph.json", () => {
  let dir = "";
  let child: ChildProcess | undefined;
  let url = "";
  let log = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "crm-lgdev-"));
    const skip = new Set(["node_modules", ".git", ".data"]);
    cpSync(ROOT, dir, { recursive: true, filter: (src) => !skip.has(src.slice(ROOT.length).split("/")[0]!) });
    cpSync(join(ROOT, "node_modules"), join(dir, "node_modules"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    execFileSync(
      "npm",
      ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "@langchain/langgraph-cli@1.5"],
      {
        cwd: dir,
        stdio: "ignore",
      },
    );
    const dataDir = join(dir, ".studio-data");
    const store = await openStore({ kind: "embedded", dataDir });
    await migrate(store.sql);
    await writeSalesBook(store.sql, "demo");
    await store.close();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(
      join(dir, "node_modules/.bin/langgraphjs"),
      ["dev", "--port", String(port), "--no-browser"],
      {
        cwd: dir,
        env: { ...process.env, CRM_DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
        // its own process group: the CLI starts a server child, and both are stopped together
        detached: true,
      },
    );
    child.stdout!.on("data", (b: Buffer) => (log += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (log += b.toString()));
    for (let i = 0; i < 240 && !/Server running at/.test(log); i++)
      await new Promise((r) => setTimeout(r, 500));
    expect(log.slice(-2000)).toMatch(/Server running at/);
  }, 300_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      const late = setTimeout(() => process.kill(-child!.pid!, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(late);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 180_000); // removing the copy (with its node_modules) takes a while

  it("every agent graph completes a run from its target, in the demo tenant", async () => {
    const sdk = new Client({ apiUrl: url, callerOptions: { maxRetries: 0 } });
    const graphs = (await sdk.assistants.search({ limit: 20 })).map((a) => a.graph_id).sort();
    expect(graphs).toEqual(Object.keys(AGENTS).sort());
    for (const graph of graphs) {
      const thread = await sdk.threads.create();
      const out = (await sdk.runs.wait(thread.thread_id, graph, {
        input: { target: { kind: "all" } },
        raiseError: false,
      })) as Record<string, unknown>;
      expect(out.__error__, `${graph}: ${JSON.stringify(out.__error__)}`).toBeUndefined();
      // finished with its state, or waiting for a person on the drafts it wrote
      expect(out.__interrupt__ !== undefined || Object.keys(out).length > 1, graph).toBe(true);
    }
  }, 600_000);
});
