import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import type { EvalReport } from "../evals/core/types.ts";
import { checkGates, loadThresholds } from "../evals/gates/thresholds.ts";
import { toolPolicy, type ToolPolicy } from "../evals/suites/safety/policy.ts";
import { checkReach } from "../evals/suites/safety/reach.ts";
import { reachMetrics } from "../evals/suites/safety/suite.ts";
import { AGENTS } from "../graphs/agents.ts";
import { runAgent, type Deps } from "../graphs/runtime/index.ts";
import { scopedConfig, toolContext, type RunScope } from "../graphs/runtime/scope.ts";
import { runTool, TOOLS, ToolNotAllowedError, type ToolName } from "../tools/index.ts";
import { HashingEmbedder } from "../memory/index.ts";
import { writeSmallBook } from "./support/fixtures.ts";
import { probeAgent, resetProbe } from "./support/probe-agent.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { writeToolsBook, type ToolsBook } from "./support/tools-book.ts";
import { openTestStore } from "./support/stores.ts";

const ROOT = resolve(import.meta.dirname, "..");
const AGENT_NAMES = ["sales", "cs", "marketing", "support", "planner"];

describe("every agent's allow-list is enforced inside runTool", () => {
  let store: Store;
  let book: ToolsBook;

  beforeAll(async () => {
    store = await openTestStore("pglite");
    book = await writeToolsBook(store.sql, "allow-list");
  });
  afterAll(() => store?.close());

  /** The tool context exactly as the runtime builds it for a run of `agent` (graphs/runtime/scope.ts). */
  const runContext = (agent: string) => {
    const scope = {
      tenantId: book.tenantId,
      runId: book.runId,
      agent,
      tools: AGENTS[agent]!.tools,
      embedder: new HashingEmbedder({ dimensions: 256 }),
    } as unknown as RunScope;
    const deps = { sql: store.sql, now: () => new Date("2026-11-01T00:00:00Z") } as unknown as Deps;
    return toolContext(deps, scopedConfig(scope), "probe");
  };

  it("each of the five agents declares a list of registered tools", () => {
    expect(Object.keys(AGENTS).sort()).toEqual([...AGENT_NAMES].sort());
    for (const name of AGENT_NAMES) {
      const tools = AGENTS[name]!.tools;
      expect(tools.length, name).toBeGreaterThan(0);
      for (const t of tools) expect(Object.hasOwn(TOOLS, t), `${name}: ${t}`).toBe(true);
    }
  });

  it("a call off the list is refused with TOOL_NOT_ALLOWED before its handler runs, and audited", async () => {
    const ran: string[] = [];
    for (const name of AGENT_NAMES) {
      const ctx = runContext(name);
      expect(ctx.allowedTools).toEqual(AGENTS[name]!.tools);
      const off = (Object.keys(TOOLS) as ToolName[]).filter((t) => !ctx.allowedTools.includes(t));
      expect(off.length, name).toBeGreaterThan(0);
      for (const t of off) {
        const tool = { ...TOOLS[t], handler: async () => ran.push(`${name}:${t}`) };
        const err = await runTool(tool as never, {}, ctx).catch((e: unknown) => e);
        expect(err, `${name} → ${t}`).toBeInstanceOf(ToolNotAllowedError);
        expect(err).toMatchObject({ code: "TOOL_NOT_ALLOWED", tool: t, agent: name });
      }
      const audited = await store.sql<{ tool: string; node: string }[]>`
        SELECT details->>'tool' AS tool, details->>'node' AS node FROM audit_log
        WHERE tenant_id = ${book.tenantId} AND actor = ${`agent:${name}`} AND action = 'tool_refused'`;
      expect(audited.map((a) => a.tool).sort(), name).toEqual([...off].sort());
      expect(new Set(audited.map((a) => a.node))).toEqual(new Set(["probe"]));
    }
    expect(ran).toEqual([]);
    // a retried run does not audit the same refusal twice
    const again = await runTool(TOOLS.segment_query, {}, runContext("sales")).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ToolNotAllowedError);
    const [row] = await store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${book.tenantId}
        AND actor = 'agent:sales' AND details->>'tool' = 'segment_query'`;
    expect(row?.n).toBe(1);
  });

  it("a call on the list goes through; a context without a list allows nothing", async () => {
    const ctx = runContext("sales");
    await expect(runTool(TOOLS.active_score_model, { name: "lead-conversion" }, ctx)).resolves.toBeNull();
    const bare = { ...ctx, allowedTools: undefined } as unknown as typeof ctx;
    await expect(runTool(TOOLS.active_score_model, { name: "lead-conversion" }, bare)).rejects.toMatchObject({
      code: "TOOL_NOT_ALLOWED",
      message: expect.stringContaining("allowed: (none)"),
    });
  });
});

describe("a run's tool context carries its AgentDefinition's list", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore("pglite");
  });
  afterAll(() => store?.close());

  it("a run whose agent does not list the tool its node calls fails TOOL_NOT_ALLOWED, audited, nothing written", async () => {
    resetProbe();
    const book = await writeSmallBook(store.sql, "allow-run");
    const deps = await testDeps(store);
    const target = { kind: "account" as const, id: book.accountId };
    // the probe's first node records a score; without record_score on its list the call is refused
    const agent = { ...probeAgent(), tools: ["account_360"] as const };
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target, trigger: "cli" });
    expect(leg.run.status).toBe("failed");
    expect(JSON.stringify(leg.run.error)).toContain("TOOL_NOT_ALLOWED");
    const scores = await store.sql`SELECT 1 FROM scores WHERE run_id = ${leg.run.id}`;
    expect(scores.length).toBe(0);
    const [refused] = await store.sql<{ actor: string; tool: string; node: string }[]>`
      SELECT actor, details->>'tool' AS tool, details->>'node' AS node FROM audit_log
      WHERE run_id = ${leg.run.id} AND action = 'tool_refused'`;
    expect(refused).toEqual({ actor: "agent:probe", tool: "record_score", node: "score" });
    // the same agent with the tool on its list gets past that node
    resetProbe();
    const allowed = await runAgent(deps, probeAgent(), { tenantId: book.tenantId, target, trigger: "cli" });
    expect(allowed.run.status).toBe("interrupted");
  });
});

describe("the safety eval judges the lists the runtime enforces, and fails when one is loosened", () => {
  const report = (policies: ToolPolicy[]) =>
    checkReach(ROOT, policies).then(
      (reach) => ({ suites: [{ suite: "safety", metrics: reachMetrics(reach) }] }) as unknown as EvalReport,
    );
  const verdicts = async (policies: ToolPolicy[]) => {
    const thresholds = await loadThresholds(resolve(ROOT, "evals/thresholds.yaml"));
    return checkGates(await report(policies), thresholds)
      .filter((g) => g.metric.startsWith("safety.policy."))
      .map((g) => [g.metric, g.verdict, g.value]);
  };
  const policies = () => AGENT_NAMES.map((a) => toolPolicy(a));

  it("reads each policy from the AgentDefinition, not from a copy", () => {
    for (const p of policies()) expect(p.tools).toBe(AGENTS[p.agent]!.tools);
    const loosened = {
      ...AGENTS,
      sales: { ...AGENTS.sales!, tools: [...AGENTS.sales!.tools, "segment_query"] },
    };
    expect(toolPolicy("sales", loosened as typeof AGENTS).tools).toContain("segment_query");
    expect(toolPolicy("astrologer").tools).toEqual([]);
  });

  it("passes on today's lists: each is exactly what its graph calls", async () => {
    const reach = await checkReach(ROOT, policies());
    for (const r of reach)
      expect([r.agent, r.grantedUnreached, r.reachedNotGranted]).toEqual([r.agent, [], []]);
    expect(await verdicts(policies())).toEqual([
      ["safety.policy.tools_granted_unreached", "pass", 0],
      ["safety.policy.tools_reached_not_granted", "pass", 0],
    ]);
  });

  it("fails its gate when a list is loosened (or misses a tool the graph calls)", async () => {
    const loosened = policies().map((p) =>
      p.agent === "sales" ? { ...p, tools: [...p.tools, "segment_query", "support_assign_ticket"] } : p,
    );
    const reach = await checkReach(ROOT, loosened);
    expect(reach.find((r) => r.agent === "sales")!.grantedUnreached).toEqual([
      "segment_query",
      "support_assign_ticket",
    ]);
    expect(await verdicts(loosened)).toEqual([
      ["safety.policy.tools_granted_unreached", "fail", 2],
      ["safety.policy.tools_reached_not_granted", "pass", 0],
    ]);
    const short = policies().map((p) =>
      p.agent === "cs" ? { ...p, tools: p.tools.filter((t) => t !== "record_score") } : p,
    );
    expect(await verdicts(short)).toEqual([
      ["safety.policy.tools_granted_unreached", "pass", 0],
      ["safety.policy.tools_reached_not_granted", "fail", 1],
    ]);
  });
});
