import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { AgentDefinition, Deps } from "../../graphs/runtime/index.ts";
import { runScope, toolContext } from "../../graphs/runtime/index.ts";
import { runTool, TOOLS } from "../../tools/index.ts";

const State = Annotation.Root({
  accountId: Annotation<string>,
  contactId: Annotation<string>,
  activityId: Annotation<string>,
  /** Nodes in the order they completed. */
  steps: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
type S = typeof State.State;

/**
 * What a test controls: `pause(runId)` is awaited inside the `pause` node (a test holds a run
 * there to cancel it, or to keep its target busy); `executions` counts node starts.
 */
export const queueProbe = {
  pause: async (_runId: string): Promise<void> => {},
  executions: { write: 0, pause: 0, finish: 0 },
  reset() {
    this.pause = async () => {};
    this.executions = { write: 0, pause: 0, finish: 0 };
  },
};

/** Called when a node starts; a child-process worker prints it (the test kills it on a line). */
export const nodeStarted = { hook: (_node: string, _runId: string): void | Promise<void> => {} };

/**
 * A small agent with real writes, for queue tests: write (a score, a task and a draft) → pause
 * → finish (a second task). Runs on an account target whose filter names the contact and the
 * activity the draft cites.
 */
export function queueProbeAgent(name = "qprobe"): AgentDefinition {
  return {
    name,
    tools: ["record_score", "propose_task", "create_draft"],
    input: (target: RunTarget) => {
      if (target.kind !== "account" || !target.id) throw new Error("qprobe runs on one account");
      const f = target.filter as { contact_id: string; activity_id: string };
      return { accountId: target.id, contactId: f.contact_id, activityId: f.activity_id };
    },
    graph: (deps: Deps) =>
      new StateGraph(State)
        .addNode("write", async (s: S, config: LangGraphRunnableConfig) => {
          queueProbe.executions.write += 1;
          const ctx = toolContext(deps, config, "write");
          await nodeStarted.hook("write", runScope(config).runId);
          const entity = { entity_kind: "account" as const, entity_id: s.accountId };
          await runTool(
            TOOLS.record_score,
            { ...entity, kind: "health", value: 40, tier: "watch", reasons: [], model_version: "qprobe-v1" },
            ctx,
          );
          await runTool(
            TOOLS.propose_task,
            {
              ...entity,
              type: "check_in",
              title: "Check in",
              reason: "queue test",
              priority_value: 10,
              estimated_minutes: 15,
            },
            ctx,
          );
          await runTool(
            TOOLS.create_draft,
            {
              channel: "email",
              contact_id: s.contactId,
              subject: "Renewal",
              body: "Shall we talk about the renewal?",
              evidence_ids: [`activity:${s.activityId}`],
              provider: "offline:qprobe-v1",
            },
            ctx,
          );
          return { steps: ["write"] };
        })
        .addNode("pause", async (_s: S, config: LangGraphRunnableConfig) => {
          queueProbe.executions.pause += 1;
          const { runId } = runScope(config);
          await nodeStarted.hook("pause", runId);
          await queueProbe.pause(runId);
          return { steps: ["pause"] };
        })
        .addNode("finish", async (s: S, config: LangGraphRunnableConfig) => {
          queueProbe.executions.finish += 1;
          await runTool(
            TOOLS.propose_task,
            {
              entity_kind: "account",
              entity_id: s.accountId,
              type: "follow_up",
              title: "Follow up",
              reason: "queue test",
              priority_value: 5,
              estimated_minutes: 10,
            },
            toolContext(deps, config, "finish"),
          );
          return { steps: ["finish"] };
        })
        .addEdge(START, "write")
        .addEdge("write", "pause")
        .addEdge("pause", "finish")
        .addEdge("finish", END)
        .compile({ checkpointer: deps.checkpointer }),
  };
}

/** Rows the probe wrote for a run: scores, tasks and drafts, and duplicates among them. */
export async function probeRows(
  sql: Deps["sql"],
  runId: string,
): Promise<{ scores: number; tasks: number; drafts: number }> {
  const [row] = await sql<{ scores: number; tasks: number; drafts: number }[]>`
    SELECT (SELECT count(*)::int FROM scores WHERE run_id = ${runId}) AS scores,
           (SELECT count(*)::int FROM tasks WHERE run_id = ${runId}) AS tasks,
           (SELECT count(*)::int FROM drafts WHERE run_id = ${runId}) AS drafts`;
  return row!;
}
