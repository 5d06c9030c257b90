import { HumanMessage } from "@langchain/core/messages";
import {
  Annotation,
  END,
  interrupt,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from "@langchain/langgraph";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { AgentDefinition, Deps } from "../../graphs/runtime/index.ts";
import { modelContext, toolContext } from "../../graphs/runtime/index.ts";
import { runTool, TOOLS } from "../../tools/index.ts";

/** A small agent for runtime tests: score → write (two model calls) → approve (interrupt) → finish. */
const State = Annotation.Root({
  accountId: Annotation<string>,
  /** Nodes in the order they completed (appended), to see what re-ran. */
  steps: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  texts: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  decision: Annotation<unknown>,
});
type S = typeof State.State;

type ProbeNode = "score" | "write" | "approve" | "finish";

/**
 * Options a test sets on the probe: `failOnce` makes `write` throw on its first attempt;
 * `stallIn` makes a node wait `stallMs` first;
 * `dropIn` makes that node terminate its own store connection (`pg_terminate_backend`, on
 * Postgres) on its next `drops` executions, as a database restart or failover would.
 */
export const probeControl = {
  failOnce: false,
  /** A node that waits `stallMs` before its work (a slow tool or model call). */
  stallIn: null as ProbeNode | null,
  stallMs: 0,
  dropIn: null as ProbeNode | null,
  drops: 0,
  executions: { score: 0, write: 0, approve: 0, finish: 0 },
};

/** Back to a probe that neither fails, stalls nor drops, with no executions counted. */
export function resetProbe(): void {
  Object.assign(probeControl, { failOnce: false, stallIn: null, stallMs: 0, dropIn: null, drops: 0 });
  probeControl.executions = { score: 0, write: 0, approve: 0, finish: 0 };
}

/** Counts the node's execution, and drops the store connection under it when the test asked. */
async function enter(deps: Deps, node: ProbeNode): Promise<void> {
  probeControl.executions[node] += 1;
  if (probeControl.stallIn === node) await new Promise((r) => setTimeout(r, probeControl.stallMs));
  if (probeControl.dropIn === node && probeControl.drops > 0) {
    probeControl.drops -= 1;
    await deps.sql`SELECT pg_terminate_backend(pg_backend_pid())`;
  }
}

export function probeAgent(): AgentDefinition {
  return {
    name: "probe",
    tools: ["record_score"],
    input: (target: RunTarget) => ({ accountId: target.id }),
    graph: (deps: Deps) =>
      new StateGraph(State)
        .addNode("score", async (s: S, config: LangGraphRunnableConfig) => {
          await enter(deps, "score");
          await runTool(
            TOOLS.record_score,
            {
              entity_kind: "account",
              entity_id: s.accountId,
              kind: "health",
              value: 42,
              tier: "watch",
              reasons: [{ factor: "usage_drop", contribution: -20 }],
              model_version: "probe-v1",
            },
            toolContext(deps, config, "score"),
          );
          return { steps: ["score"] };
        })
        .addNode("write", async (_s: S, config: LangGraphRunnableConfig) => {
          await enter(deps, "write");
          if (probeControl.failOnce) {
            probeControl.failOnce = false;
            throw new Error("worker crashed in write");
          }
          const texts: string[] = [];
          for (const n of [1, 2]) {
            const result = await deps.models.call(
              {
                node: "write",
                purpose: "probe.note",
                messages: [new HumanMessage(`Note ${n} for Bo Buyer <bo@example.com>`)],
                knownNames: ["Bo Buyer"],
                offline: () => `offline note ${n}`,
                offlineVersion: "probe-templates-v1",
              },
              modelContext(config),
            );
            texts.push(String(result.value));
          }
          return { steps: ["write"], texts };
        })
        .addNode("approve", async () => {
          await enter(deps, "approve");
          const decision = interrupt({ question: "approve?" });
          return { steps: ["approve"], decision };
        })
        .addNode("finish", async () => {
          await enter(deps, "finish");
          return { steps: ["finish"] };
        })
        .addEdge(START, "score")
        .addEdge("score", "write")
        .addEdge("write", "approve")
        .addEdge("approve", "finish")
        .addEdge("finish", END)
        .compile({ checkpointer: deps.checkpointer }),
  };
}
