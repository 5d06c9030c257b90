import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { listRunEvents, type RunEvent } from "../../db/queries/run-events.ts";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import { agentNamed } from "../../graphs/agents.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { graphFor } from "../../graphs/runtime/agent.ts";
import { toHumanInterrupts } from "./interrupts.ts";
import { atRest } from "./run-follow.ts";

/** The stream modes this server produces from a run's events and checkpoints. */
export const STREAM_MODES = ["values", "updates", "events", "custom"] as const;

export interface StreamPlan {
  deps: Deps;
  tenantId: string;
  runId: string;
  modes: string[];
  /** Resume after this event id (`<seq>:<part>`, from Last-Event-ID); none: from the start, with metadata. */
  after?: { seq: number; part: number };
  /** The run's last event when it was told to resume (see atRest). */
  since?: number;
  pollMs?: number;
  heartbeatMs?: number;
}

/** Parses Last-Event-ID as this server writes it (`<seq>:<part>`; a bare `<seq>` means after all of it). */
export function parseEventId(id: string | undefined): { seq: number; part: number } | undefined {
  const m = /^(\d{1,10})(?::(\d{1,4}))?$/.exec(id?.trim() ?? "");
  return m ? { seq: Number(m[1]), part: m[2] === undefined ? Infinity : Number(m[2]) } : undefined;
}

type Part = { event: string; data: unknown };

/**
 * A run as Server-Sent Events with the protocol's event names: `metadata` first, then per run
 * event (polled from the store, so it works for a run executing in any process): `updates`
 * (node → the keys it wrote, with their values), `values` (the state), `events` (chain start/end),
 * `custom` (the run event itself), `error`. Each part's id is `<seq>:<part>`, so a client that
 * rejoins with Last-Event-ID misses nothing and sees nothing twice. Ends when the run is at rest.
 */
export function streamRun(c: Context, plan: StreamPlan) {
  const { deps, tenantId, runId, modes, pollMs = 150, heartbeatMs = 10_000 } = plan;
  const want = new Set(modes);
  return streamSSE(c, async (sse) => {
    let after = plan.after ?? { seq: 0, part: -1 };
    if (!plan.after)
      await sse.writeSSE({ event: "metadata", data: JSON.stringify({ run_id: runId, attempt: 1 }) });
    let quiet = Date.now();
    while (!sse.aborted) {
      const run = await getRun(deps.sql, tenantId, runId);
      const events = await listRunEvents(deps.sql, runId, after.seq - (after.part === Infinity ? 0 : 1), 200);
      const values =
        run && events.some((e) => e.type === "node_finished") ? await stateValues(deps, run) : null;
      for (const e of events) {
        const parts = partsOf(e, run!, values).filter((p) => want.has(p.event) || p.event === "error");
        for (let i = 0; i < parts.length; i++) {
          if (e.seq === after.seq && i <= after.part) continue;
          await sse.writeSSE({
            id: `${e.seq}:${i}`,
            event: parts[i]!.event,
            data: JSON.stringify(parts[i]!.data),
          });
        }
        after = { seq: e.seq, part: Infinity };
      }
      if (events.length === 200) continue;
      if (!run || atRest(run, plan.since)) break;
      if (events.length > 0) quiet = Date.now();
      else if (Date.now() - quiet >= heartbeatMs) {
        await sse.write(": heartbeat\n\n");
        quiet = Date.now();
      }
      await sleep(pollMs);
    }
  });
}

async function stateValues(deps: Deps, run: AgentRun): Promise<Record<string, unknown>> {
  const snapshot = await graphFor(agentNamed(run.agent), deps).getState({
    configurable: { thread_id: run.id },
  });
  return (snapshot.values ?? {}) as Record<string, unknown>;
}

function partsOf(e: RunEvent, run: AgentRun, values: Record<string, unknown> | null): Part[] {
  const custom: Part = { event: "custom", data: { type: e.type, seq: e.seq, data: e.data } };
  const d = e.data as {
    node?: string;
    wrote?: string[];
    interrupts?: unknown[];
    code?: string;
    message?: string;
  };
  switch (e.type) {
    case "run_started":
      return [
        { event: "events", data: chain("on_chain_start", run, run.agent, { input: run.target }) },
        custom,
      ];
    case "node_finished": {
      const wrote = Object.fromEntries((d.wrote ?? []).map((k) => [k, values?.[k] ?? null]));
      return [
        { event: "updates", data: { [d.node!]: wrote } },
        { event: "values", data: values ?? {} },
        { event: "events", data: chain("on_chain_end", run, d.node!, { output: wrote }) },
        custom,
      ];
    }
    case "interrupted":
      return [
        {
          event: "updates",
          data: { __interrupt__: (d.interrupts ?? []).map((v) => ({ value: toHumanInterrupts(v) })) },
        },
        custom,
      ];
    case "run_failed":
    case "run_budget_exceeded":
      return [{ event: "error", data: { error: d.code ?? e.type, message: d.message ?? e.type } }, custom];
    default:
      return [custom];
  }
}

function chain(event: string, run: AgentRun, name: string, data: Record<string, unknown>) {
  return { event, name, run_id: run.id, tags: [run.agent], metadata: { agent: run.agent }, data };
}
