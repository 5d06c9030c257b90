import { z } from "@hono/zod-openapi";
import { getRunLink, type ThreadRunLink } from "../../db/queries/protocol-threads.ts";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { graphFor } from "../../graphs/runtime/agent.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { notFound } from "../http/errors.ts";
import { toHumanInterrupts } from "./interrupts.ts";
import { STREAM_MODES } from "./run-stream.ts";

const Mode = z.enum(STREAM_MODES, { error: `must be one of ${STREAM_MODES.join(", ")}` });

/** What runs.create / wait / stream send (fields this server does not use are ignored). */
export const RunBody = z.object({
  assistant_id: z.string().min(1, "name an assistant (a graph name or its id)"),
  input: z.unknown().optional(),
  command: z.object({ resume: z.unknown().optional() }).optional(),
  stream_mode: z.union([Mode, z.array(Mode)]).optional(),
  multitask_strategy: z.enum(["reject", "enqueue", "interrupt", "rollback"]).default("reject"),
  metadata: z.record(z.string(), z.unknown()).default({}),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type RunBody = z.infer<typeof RunBody>;

export const modesOf = (m: RunBody["stream_mode"]): string[] =>
  m === undefined ? ["values"] : Array.isArray(m) ? m : [m];

/** The tenant's run with its protocol link, on `threadId` when given (null: stateless); else 404. */
export async function ownedRun(
  deps: Deps,
  tenantId: string,
  runId: string,
  threadId?: string | null,
): Promise<{ run: AgentRun; link: ThreadRunLink }> {
  const link = await getRunLink(deps.sql, tenantId, runId, threadId);
  const run = link ? await getRun(deps.sql, tenantId, runId) : null;
  if (!link || !run) throw notFound("run", runId, "run_id");
  return { run, link };
}

/** What runs.wait and join answer: the state's values, with `__interrupt__` or `__error__`. */
export async function finalValues(deps: Deps, run: AgentRun): Promise<Record<string, unknown>> {
  const snapshot = await graphFor(agentNamed(run.agent), deps).getState({
    configurable: { thread_id: run.id },
  });
  const values = { ...((snapshot.values ?? {}) as Record<string, unknown>) };
  const interrupts = snapshot.tasks.flatMap((t) => t.interrupts);
  if (run.status === "interrupted" && interrupts.length)
    values.__interrupt__ = interrupts.map((i) => ({ id: i.id, value: toHumanInterrupts(i.value) }));
  if (run.status === "failed" || run.status === "budget_exceeded") {
    const e = (run.error ?? {}) as { code?: string; message?: string };
    values.__error__ = { error: e.code ?? "ERROR", message: e.message ?? run.status };
  }
  return values;
}
