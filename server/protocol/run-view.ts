import type { AgentRun } from "../../db/queries/runs.ts";
import type { ThreadRunLink } from "../../db/queries/protocol-threads.ts";
import { assistantId } from "./assistants-registry.ts";

/** LangGraph's run statuses. A cancelled run reads `interrupted`, as LangGraph's cancel leaves one. */
const STATUS: Record<AgentRun["status"], string> = {
  queued: "pending",
  running: "running",
  interrupted: "interrupted",
  succeeded: "success",
  failed: "error",
  budget_exceeded: "error",
  cancelled: "interrupted",
};

/** A run in the protocol's shape; `metadata.crm` keeps this engine's own view of it. */
export function runView(run: AgentRun, link: ThreadRunLink | null) {
  const wall = (run.error as { budget?: string } | null)?.budget === "max_wall_ms";
  return {
    run_id: run.id,
    thread_id: link?.thread_id ?? null,
    assistant_id: assistantId(run.agent),
    created_at: run.created_at.toISOString(),
    updated_at: (run.finished_at ?? run.started_at ?? run.created_at).toISOString(),
    status: wall ? "timeout" : STATUS[run.status],
    multitask_strategy: link?.multitask ?? "reject",
    metadata: {
      ...(link?.metadata ?? {}),
      crm: {
        status: run.status,
        agent: run.agent,
        target: run.target,
        trigger: run.trigger,
        error: run.error,
      },
    },
    kwargs: { stream_mode: link?.stream_mode ?? ["values"] },
  };
}
