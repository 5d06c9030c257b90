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

/** Options a test sets on the probe: `failOnce` makes `write` throw on its first attempt. */
export const probeControl = { failOnce: false, executions: { score: 0, write: 0, approve: 0, finish: 0 } };

export function probeAgent(): AgentDefinition {
  return {
    name: "probe",
    input: (target: RunTarget) => ({ accountId: target.id }),
    graph: (deps: Deps) =>
      new StateGraph(State)
        .addNode("score", async (s: S, config: LangGraphRunnableConfig) => {
          probeControl.executions.score += 1;
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
          probeControl.executions.write += 1;
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
          probeControl.executions.approve += 1;
          const decision = interrupt({ question: "approve?" });
          return { steps: ["approve"], decision };
        })
        .addNode("finish", async () => {
          probeControl.executions.finish += 1;
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
