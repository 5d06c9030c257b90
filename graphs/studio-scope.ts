/**
 * The run scope of a graph that LangGraph Studio or `langgraphjs dev` invokes directly (no
 * runtime around it): the graph's `stream` (which `invoke` and `streamEvents` go through) builds
 * one from its config before the first node — the tenant from `configurable.tenant` (a slug or
 * id; default the demo tenant), a run row per Studio thread (trigger `studio`, admitted like
 * every run, so its outputs carry provenance), the tenant's memory and a budget meter — and
 * records how the leg ended. A config that already carries a scope (the runtime's) is left alone.
 */
import { IterableReadableStream } from "@langchain/core/utils/stream";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { findTenant } from "../db/index.ts";
import { claimRun, findRunByKey, finishRun, type RunTarget } from "../db/queries/runs.ts";
import { NoMemoryEmbedder, openTenantMemory } from "../memory/index.ts";
import { RunMeter } from "../models/meter.ts";
import { admitRun } from "./runtime/admit.ts";
import type { AgentDefinition, Deps, RunnableGraph, RunScope } from "./runtime/index.ts";
import { recordPrompt } from "./runtime/prompt-audit.ts";

const SCOPE_KEY = "crm_run";

/** Raised when Studio names a tenant the store does not have. */
export class StudioTenantError extends Error {
  readonly code = "TENANT_NOT_FOUND";
  constructor(slug: string) {
    super(
      `configurable.tenant "${slug}": no such tenant; create it (crm seed, crm tenant create) or name another`,
    );
  }
}

async function studioScope(
  deps: Deps,
  agent: AgentDefinition,
  input: unknown,
  config: LangGraphRunnableConfig,
  defaultTenant: string,
): Promise<RunScope> {
  const slug = String(config.configurable?.tenant ?? defaultTenant);
  const tenant = await findTenant(deps.sql, slug);
  if (!tenant) throw new StudioTenantError(slug);
  const thread = String(config.configurable?.thread_id ?? "stateless");
  const key = `studio:${agent.name}:${thread}`;
  let run = await findRunByKey(deps.sql, tenant.id, key);
  if (!run) {
    const target = ((input as { target?: RunTarget } | null)?.target ?? { kind: "all" }) as RunTarget;
    ({ run } = await admitRun(deps, agent, {
      tenantId: tenant.id,
      target,
      trigger: "studio",
      idempotencyKey: key,
      policy: "enqueue",
    }));
  }
  const claimed = (await claimRun(deps.sql, run.id)) ?? run;
  const memory =
    agent.semanticMemory === false
      ? { embedder: new NoMemoryEmbedder(agent.name) }
      : await openTenantMemory(deps.sql, tenant.id, deps.embedder);
  const scope: RunScope = {
    tenantId: tenant.id,
    runId: claimed.id,
    agent: agent.name,
    tools: agent.tools,
    meter: new RunMeter(deps.budget, { now: () => deps.now().getTime() }),
    embedder: memory.embedder,
    onPrompt: (record) => recordPrompt(deps.sql, scope, record),
  };
  return scope;
}

/** Gives `graph` a scope of its own whenever it is invoked without one (see the module comment). */
export function withStudioScope<G extends RunnableGraph>(
  deps: Deps,
  agent: AgentDefinition,
  graph: G,
  defaultTenant = "demo",
): G {
  const stream = graph.stream.bind(graph);
  graph.stream = async (input: unknown, options: Record<string, unknown> = {}) => {
    const config = options as LangGraphRunnableConfig;
    if (config.configurable?.[SCOPE_KEY]) return stream(input, options);
    const scope = await studioScope(deps, agent, input, config, defaultTenant);
    const scoped = { ...options, configurable: { ...config.configurable, [SCOPE_KEY]: scope } };
    // Studio's input is the run target (the protocol's input schema): the agent makes its state
    const target = (input as { target?: RunTarget } | null)?.target;
    const onlyTarget = target && Object.keys(input as object).length === 1;
    const inner = await stream(onlyTarget ? agent.input(target) : input, scoped);
    const end = async (error: unknown) => {
      const state = await graph.getState(scoped);
      const waiting = state.tasks.some((t) => t.interrupts.length > 0);
      const e = error as { code?: string; message?: string } | null;
      await finishRun(deps.sql, scope.runId, {
        status: error ? "failed" : waiting ? "interrupted" : "succeeded",
        usage: scope.meter.report() as unknown as Record<string, unknown>,
        provider: scope.meter.providers.join(",") || null,
        degraded: scope.meter.degraded,
        error: error ? { code: e?.code ?? "ERROR", message: e?.message ?? String(error) } : null,
      });
    };
    async function* follow() {
      try {
        for await (const chunk of inner) yield chunk;
      } catch (err) {
        await end(err);
        throw err;
      }
      await end(null);
    }
    return IterableReadableStream.fromAsyncGenerator(follow());
  };
  return graph;
}
