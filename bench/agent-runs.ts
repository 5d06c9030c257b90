/**
 * Offline agent runs per second on single accounts, through the real run runtime (`runAgent`:
 * run row, events, checkpoints with durability "sync", the agent's scores, tasks and drafts),
 * against a bare LangGraph invoke of the same graph shape and node logic over pre-read facts with
 * no I/O and no checkpointer (bench/lib/bare-graphs.ts), in the same process. Per agent (cs and
 * sales, each on `--targets` accounts it has work for) it prints runs/s of both and their ratio,
 * and, as a reference, the same runtime with LangGraph's in-memory checkpointer (MemorySaver).
 * Then where a run's time goes, on `--breakdown-runs` runs one at a time: how many checkpoint
 * reads and writes, runtime statements (run row, events, usage) and tenant transactions (tool
 * calls, memory lookup) a run makes and the wall time inside each kind (these overlap: events
 * are written while the next node runs, and on PGlite every call waits for the one connection),
 * and a CPU profile of those runs by kind of code (PGlite, driver, LangGraph, app …; "idle" is
 * time waiting on another process, i.e. the Postgres server). Then one JSON line.
 *
 *   npx tsx bench/agent-runs.ts [--store pglite|postgres] [--database-url URL] [--agents cs,sales]
 *                               [--accounts 1000] [--targets 100] [--runs 500] [--warmup 50]
 *                               [--concurrency 4] [--breakdown-runs 100] [--pool 10]
 *                               [--profile-out DIR] (saves the breakdown's .cpuprofile per agent)
 *
 * Before timing, every target gets one run (its first drafts, then cooldowns apply: later runs
 * score and plan but do not draft again, like a real second run), and the bare facts are read
 * after that, so both sides do the same work. Statuses of the timed runs are printed.
 * pglite: a fresh data directory under the OS temp dir (removed afterwards); postgres:
 * --database-url, else a throwaway PostgreSQL cluster started for the run.
 */
import { benchDeps } from "./lib/deps.ts";
import { openBenchStore } from "./lib/store.ts";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadavg } from "node:os";
import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import postgres from "postgres";
import { ensureTenant, migrate } from "../db/index.ts";
import { seedBook } from "../db/seed/index.ts";
import { AGENTS } from "../graphs/agents.ts";
import { runAgent, type Deps } from "../graphs/runtime/index.ts";
import { openTenantMemory } from "../memory/index.ts";
import type { ToolContext } from "../tools/index.ts";
import { bareCsGraph, bareSalesGraph, readCsFacts, readSalesFacts } from "./lib/bare-graphs.ts";
import { profiled } from "./lib/profile.ts";

const { values } = parseArgs({
  options: {
    store: { type: "string", default: "pglite" },
    "database-url": { type: "string" },
    agents: { type: "string", default: "cs,sales" },
    accounts: { type: "string", default: "1000" },
    targets: { type: "string", default: "100" },
    runs: { type: "string", default: "500" },
    warmup: { type: "string", default: "50" },
    concurrency: { type: "string", default: "4" },
    "breakdown-runs": { type: "string", default: "100" },
    pool: { type: "string", default: "10" },
    "profile-out": { type: "string" },
    seed: { type: "string", default: "42" },
  },
});
if (values.store !== "pglite" && values.store !== "postgres") {
  throw new Error(`--store must be pglite or postgres, got ${values.store}`);
}
const kind = values.store;
const agents = values.agents.split(",");
for (const a of agents)
  if (a !== "cs" && a !== "sales") throw new Error(`--agents: cs and/or sales, got ${a}`);
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const breakdownRuns = Number(values["breakdown-runs"]);
const poolMax = Number(values.pool);

const { store, cleanup } = await openBenchStore({
  kind,
  name: "runs",
  databaseUrl: values["database-url"],
  poolMax,
});

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (msg: string) => console.error(`  ${msg}`);

/** Runs `n` calls of `fn` with `inFlight` of them at a time; returns the wall time in ms. */
async function drive(n: number, inFlight: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, n) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return performance.now() - t0;
}

/** Wall time and count per kind of call, for the breakdown. */
class Phases {
  readonly ms = new Map<string, number>();
  readonly count = new Map<string, number>();
  add(name: string, ms: number) {
    this.ms.set(name, (this.ms.get(name) ?? 0) + ms);
    this.count.set(name, (this.count.get(name) ?? 0) + 1);
  }
  async time<T>(name: string, p: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await p();
    } finally {
      this.add(name, performance.now() - t0);
    }
  }
}

/** Times the saver's reads and writes (the methods LangGraph calls on it). */
function timedSaver(saver: BaseCheckpointSaver, phases: Phases): BaseCheckpointSaver {
  const s = saver as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, name] of [
    ["getTuple", "checkpoint reads (getTuple)"],
    ["put", "checkpoint puts"],
    ["putWrites", "checkpoint writes (putWrites)"],
  ] as const) {
    const original = s[method]!.bind(saver);
    s[method] = (...args) => phases.time(name, () => original(...args));
  }
  return saver;
}

/**
 * The store client with its transactions (`begin`: every tool call and memory lookup runs in a
 * tenant transaction) and its direct statements (the runtime's run row, events and usage) timed.
 */
function timedSql(sql: postgres.Sql, phases: Phases): postgres.Sql {
  return new Proxy(sql, {
    apply(target, thisArg, args) {
      const query = Reflect.apply(target, thisArg, args) as PromiseLike<unknown>;
      const t0 = performance.now();
      const then = query.then.bind(query);
      Object.defineProperty(query, "then", {
        value: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) =>
          then(
            (v) => {
              phases.add("runtime statements (run row, events, usage)", performance.now() - t0);
              return ok ? ok(v) : v;
            },
            (e) => {
              phases.add("runtime statements (run row, events, usage)", performance.now() - t0);
              if (fail) return fail(e);
              throw e;
            },
          ),
      });
      return query;
    },
    get(target, prop, receiver) {
      if (prop === "begin") {
        return (...args: unknown[]) =>
          phases.time("tenant transactions (tools, memory lookup)", () =>
            (target.begin as (...a: unknown[]) => Promise<unknown>)(...args),
          );
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

try {
  const { sql } = store;
  await migrate(sql);
  const tenant = await ensureTenant(sql, { slug: "bench-runs", name: "Agent runs benchmark" });
  let t0 = performance.now();
  const seeded = await seedBook(sql, {
    tenantId: tenant.id,
    accounts: Number(values.accounts),
    seed: Number(values.seed),
    concurrency: kind === "postgres" ? 2 : 1,
  });
  log(
    `seeded ${seeded.accounts} accounts (${seeded.totalRows} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const makeDeps = (overrides: Partial<Deps> = {}): Promise<Deps> =>
    benchDeps(store, { budget: { maxLlmCalls: 50, maxTokens: 100_000, maxWallMs: 600_000 }, ...overrides });
  const deps = await makeDeps();
  // the first run of a tenant builds its semantic memory: done here, not in a timed run
  t0 = performance.now();
  const memory = await openTenantMemory(sql, tenant.id, deps.embedder);
  log(
    `memory index: ${memory.built?.chunks ?? 0} chunks in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const targetCount = Number(values.targets);
  const targets: Record<string, string[]> = {
    cs: (
      await sql<{ id: string }[]>`
        SELECT id FROM accounts WHERE tenant_id = ${tenant.id} AND lifecycle_stage IN ('customer', 'onboarding')
        ORDER BY md5(id::text) LIMIT ${targetCount}`
    ).map((r) => r.id),
    sales: (
      await sql<{ id: string }[]>`
        SELECT id FROM accounts a WHERE tenant_id = ${tenant.id}
          AND (EXISTS (SELECT 1 FROM deals d WHERE d.account_id = a.id AND d.status = 'open')
            OR EXISTS (SELECT 1 FROM leads l WHERE l.account_id = a.id
                        AND l.status NOT IN ('converted', 'unqualified')))
        ORDER BY md5(id::text) LIMIT ${targetCount}`
    ).map((r) => r.id),
  };

  const results = [];
  const breakdowns: Record<string, Record<string, { calls: number; ms: number }>> = {};
  const profiles: Record<string, Record<string, { share: string; ms_per_run: number }>> = {};
  const loadBefore = loadavg()[0]!;
  for (const name of agents) {
    const agent = AGENTS[name]!;
    const ids = targets[name]!;
    let statuses = new Map<string, number>();
    const run = (d: Deps) => async (i: number) => {
      const leg = await runAgent(d, agent, {
        tenantId: tenant.id,
        target: { kind: "account", id: ids[i % ids.length]! },
        trigger: "eval",
      });
      statuses.set(leg.run.status, (statuses.get(leg.run.status) ?? 0) + 1);
    };
    // one run per target first: first drafts and interrupts happen here, not in the timed runs
    await drive(ids.length, concurrency, run(deps));
    const firstRuns = Object.fromEntries(statuses);
    statuses = new Map();
    await drive(warmup, concurrency, run(deps));
    statuses = new Map();
    const runtimeMs = await drive(runs, concurrency, run(deps));
    const timedStatuses = Object.fromEntries(statuses);
    const memoryDeps = await makeDeps({ checkpointer: new MemorySaver() });
    await drive(warmup, concurrency, run(memoryDeps));
    const memorySaverMs = await drive(runs, concurrency, run(memoryDeps));

    // the bare graph over facts read now (after the first runs, so cooldowns are the same)
    const ctx: ToolContext = {
      sql,
      tenantId: tenant.id,
      runId: null,
      agent: name,
      allowedTools: agent.tools,
      node: "bench",
      embedder: memory.embedder,
      now: deps.now,
    };
    const asOf = deps.now().toISOString();
    const bare =
      name === "cs"
        ? bareCsGraph(await readCsFacts(ctx, asOf, ids), deps.models, deps.now)
        : bareSalesGraph(await readSalesFacts(ctx, asOf, ids), deps.models, deps.now);
    const invoke = async (i: number) => {
      await bare.invoke({ target: { kind: "account", id: ids[i % ids.length]! } });
    };
    await drive(warmup, concurrency, invoke);
    const bareRuns = runs;
    const bareMs = await drive(bareRuns, concurrency, invoke);

    // where the time goes: the same runs one at a time, with their calls timed
    const phases = new Phases();
    const timedDeps = await makeDeps({ sql: timedSql(sql, phases) });
    timedSaver(timedDeps.checkpointer, phases);
    const profile = await profiled(
      () => drive(breakdownRuns, 1, run(timedDeps)),
      values["profile-out"]
        ? join(values["profile-out"], `agent-runs-${kind}-${name}.cpuprofile`)
        : undefined,
    );
    const runtimeOneMs = profile.result;
    const memoryPhases = new Phases();
    for (let i = 0; i < breakdownRuns; i++)
      await memoryPhases.time("memory", () => openTenantMemory(sql, tenant.id, deps.embedder));
    const bareOneMs = await drive(breakdownRuns, 1, invoke);

    const perRun = (ms: number) => round(ms / breakdownRuns, 3);
    const breakdown: Record<string, { calls: number; ms: number }> = {
      "total per run, one at a time": { calls: 1, ms: perRun(runtimeOneMs) },
    };
    for (const [phase, ms] of phases.ms)
      breakdown[phase] = { calls: round(phases.count.get(phase)! / breakdownRuns, 1), ms: perRun(ms) };
    breakdown["openTenantMemory (timed alone)"] = { calls: 1, ms: perRun(memoryPhases.ms.get("memory")!) };
    breakdown["bare graph run (same nodes, no I/O)"] = { calls: 1, ms: perRun(bareOneMs) };
    breakdowns[name] = breakdown;
    profiles[name] = Object.fromEntries(
      Object.entries(profile.categories).map(([c, ms]) => [
        c,
        { share: `${((100 * ms) / profile.totalMs).toFixed(1)} %`, ms_per_run: perRun(ms) },
      ]),
    );

    const runtimeRate = runs / (runtimeMs / 1000);
    const bareRate = bareRuns / (bareMs / 1000);
    results.push({
      agent: name,
      targets: ids.length,
      runs,
      concurrency,
      runtime_runs_per_s: round(runtimeRate, 1),
      runtime_ms_per_run: round(runtimeMs / runs, 2),
      bare_runs_per_s: round(bareRate, 1),
      bare_ms_per_run: round(bareMs / bareRuns, 3),
      ratio: round(bareRate / runtimeRate, 1),
      memory_saver_runs_per_s: round(runs / (memorySaverMs / 1000), 1),
      runtime_one_at_a_time_runs_per_s: round(breakdownRuns / (runtimeOneMs / 1000), 1),
      first_runs: firstRuns,
      statuses: timedStatuses,
    });
    log(`${name}: ${round(runtimeRate, 1)} runs/s through the runtime, ${round(bareRate, 1)} bare`);
  }

  const [checkpoints] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM langgraph.checkpoints`;
  console.log(store.describe());
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.agent,
        {
          "runtime runs/s": r.runtime_runs_per_s,
          "bare runs/s": r.bare_runs_per_s,
          "bare / runtime": r.ratio,
          "runtime + MemorySaver runs/s": r.memory_saver_runs_per_s,
          "runtime ms/run": r.runtime_ms_per_run,
          "bare ms/run": r.bare_ms_per_run,
          "in flight": r.concurrency,
          "1 at a time runs/s": r.runtime_one_at_a_time_runs_per_s,
          statuses: Object.entries(r.statuses)
            .map(([s, n]) => `${s} ${n}`)
            .join(", "),
        },
      ]),
    ),
  );
  for (const [name, breakdown] of Object.entries(breakdowns)) {
    console.log(
      `${name}: calls per run and wall ms per run inside them (${breakdownRuns} runs one at a time)`,
    );
    console.table(breakdown);
    console.log(`${name}: CPU profile of those runs, self time by kind of code`);
    console.table(profiles[name]);
  }
  console.log(
    JSON.stringify({
      bench: "agent-runs",
      store: kind,
      accounts: Number(values.accounts),
      durability: "sync",
      checkpoints_written: checkpoints!.n,
      results,
      breakdown: breakdowns,
      profile: profiles,
      load_avg_1m: [round(loadBefore, 1), round(loadavg()[0]!, 1)],
      node: process.version,
    }),
  );
} finally {
  await store.close();
  await cleanup();
}
