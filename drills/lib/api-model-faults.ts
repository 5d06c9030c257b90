import type { Store } from "../../db/index.ts";
import { getRun } from "../../db/queries/runs.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { createModelGateway } from "../../models/index.ts";
import { parseConfig } from "../../server/config.ts";
import { startOpenAIServer, type ScriptedReply } from "../../tests/support/openai-server.ts";
import { SALES_AS_OF, writeSalesBook, type SalesBook } from "../../tests/support/sales-book.ts";
import { draftsOf, runSales } from "../../tests/support/sales-queries.ts";
import { testDeps } from "../../tests/support/runtime-deps.ts";

/**
 * Model faults through the real runtime: a sales run on a hot lead (its draft node asks the model
 * for structured output) with the model pointed at the local OpenAI-compatible test server,
 * scripted per scenario. Each scenario gets its own tenant, so drafts and cooldowns do not mix.
 */

/** Per-attempt timeout and retries the drill configures (LLM_TIMEOUT_MS, LLM_MAX_RETRIES). */
export const FAULT_TIMEOUT_MS = 400;
export const FAULT_MAX_RETRIES = 2;
const MODEL = "drill-model";
const ATTEMPTS = FAULT_MAX_RETRIES + 1;

const slow: ScriptedReply = { kind: "delay", ms: 5_000 };
/** A valid draft: its evidence id is one the prompt offers (the hot lead's demo request). */
const valid = (b: SalesBook): ScriptedReply => ({
  kind: "json",
  value: {
    subject: "About your demo",
    body: "Hi [NAME_1], thanks for asking for a demo. Best, [NAME_2]",
    evidence_ids: [`activity:${b.activities.hotDemo}`],
  },
});

export interface FaultScenario {
  name: string;
  /** The server's answers to the run's chat completions, in order (then the default: 500). */
  script: (book: SalesBook) => ScriptedReply[];
  /** Chat completion requests the server must see (the gateway's retries). */
  expectRequests: number;
  /** true: the offline fallback must answer (degraded); false: the model's answer after retries. */
  expectDegraded: boolean;
}

export const SCENARIOS: FaultScenario[] = [
  { name: "timeout", script: () => [slow, slow, slow], expectRequests: ATTEMPTS, expectDegraded: true },
  {
    name: "429",
    script: () =>
      Array.from({ length: ATTEMPTS }, () => ({ kind: "error", status: 429, retryAfter: 0 }) as const),
    expectRequests: ATTEMPTS,
    expectDegraded: true,
  },
  {
    name: "500",
    script: () => Array.from({ length: ATTEMPTS }, () => ({ kind: "error", status: 500 }) as const),
    expectRequests: ATTEMPTS,
    expectDegraded: true,
  },
  // a malformed answer is retried once, not LLM_MAX_RETRIES times
  {
    name: "malformed JSON",
    script: () => [{ kind: "malformed_body" }, { kind: "malformed_body" }],
    expectRequests: 2,
    expectDegraded: true,
  },
  {
    name: "mix: 429, drop, timeout",
    script: () => [{ kind: "error", status: 429, retryAfter: 0 }, { kind: "drop" }, slow],
    expectRequests: ATTEMPTS,
    expectDegraded: true,
  },
  {
    name: "mix: 500, 429, then valid",
    script: (b) => [{ kind: "error", status: 500 }, { kind: "error", status: 429, retryAfter: 0 }, valid(b)],
    expectRequests: ATTEMPTS,
    expectDegraded: false,
  },
];

export interface FaultResult {
  scenario: string;
  requests: number;
  expected_requests: number;
  status: string;
  run_degraded: boolean;
  run_provider: string | null;
  draft_provider: string | null;
  wall_ms: number;
  ok: boolean;
  problems: string[];
}

/** A run may not take longer than this (every attempt's timeout, backoff, and the run's own work). */
export const WALL_BOUND_MS = 30_000;
const AT_REST = new Set(["interrupted", "succeeded", "failed", "budget_exceeded", "cancelled"]);

/** Runs every scenario on `store` (migrated); returns one result per scenario. */
export async function runModelFaults(store: Store, scenarios = SCENARIOS): Promise<FaultResult[]> {
  const server = await startOpenAIServer({ defaultReply: () => ({ kind: "error", status: 500 }) });
  try {
    const base = await testDeps(store, { now: () => SALES_AS_OF });
    const config = parseConfig({
      LLM_MODEL: MODEL,
      LLM_BASE_URL: server.url,
      LLM_API_KEY: "sk-drill",
      LLM_TIMEOUT_MS: String(FAULT_TIMEOUT_MS),
      LLM_MAX_RETRIES: String(FAULT_MAX_RETRIES),
    });
    const quiet = { warn: () => {}, error: () => {} };
    const deps: Deps = { ...base, models: createModelGateway({ config, logger: quiet }) };
    const results: FaultResult[] = [];
    for (const [i, s] of scenarios.entries()) {
      const book = await writeSalesBook(store.sql, `faults-${i}-${Date.now().toString(36)}`);
      server.reset();
      server.enqueue(...s.script(book));
      const started = Date.now();
      const leg = await withDeadline(
        runSales(deps, book.tenantId, { kind: "lead", id: book.leads.hot }),
        WALL_BOUND_MS,
        `scenario "${s.name}": the run did not end within ${WALL_BOUND_MS} ms`,
      );
      const wall = Date.now() - started;
      const run = (await getRun(store.sql, book.tenantId, leg.run.id))!;
      const drafts = await draftsOf(store.sql, book.tenantId);
      const draftProvider = drafts[0]?.provider ?? null;
      results.push(judge(s, server.completions().length, run, draftProvider, wall));
    }
    return results;
  } finally {
    await server.close();
  }
}

function judge(
  s: FaultScenario,
  requests: number,
  run: { status: string; degraded: boolean; provider: string | null },
  draftProvider: string | null,
  wall: number,
): FaultResult {
  const problems: string[] = [];
  if (requests !== s.expectRequests)
    problems.push(`${requests} requests at the server, expected ${s.expectRequests} (retries)`);
  if (!AT_REST.has(run.status)) problems.push(`run status ${run.status}: not ended`);
  if (run.status === "failed") problems.push("run failed instead of falling back");
  if (wall > WALL_BOUND_MS) problems.push(`wall ${wall} ms over ${WALL_BOUND_MS}`);
  if (run.degraded !== s.expectDegraded) problems.push(`run.degraded = ${run.degraded}`);
  if (!draftProvider) problems.push("no draft written");
  else if (s.expectDegraded && !draftProvider.startsWith("offline:"))
    problems.push(`draft labelled ${draftProvider}, not offline:*`);
  else if (!s.expectDegraded && draftProvider !== `openai-compatible:${MODEL}`)
    problems.push(`draft labelled ${draftProvider}, not openai-compatible:${MODEL}`);
  const providers = run.provider ?? "";
  if (s.expectDegraded && !providers.includes("offline:"))
    problems.push(`run providers "${providers}" do not name the offline provider`);
  if (s.expectDegraded && providers.includes(`openai-compatible:${MODEL}`))
    problems.push(`run providers "${providers}" claim the model answered`);
  return {
    scenario: s.name,
    requests,
    expected_requests: s.expectRequests,
    status: run.status,
    run_degraded: run.degraded,
    run_provider: run.provider,
    draft_provider: draftProvider,
    wall_ms: wall,
    ok: problems.length === 0,
    problems,
  };
}

async function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
