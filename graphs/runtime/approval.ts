import { decideDrafts, type DecidedDraft, type DraftDecision } from "../../db/queries/drafts.ts";
import { getRun } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunError, RunNotFoundError, RunStateError } from "./errors.ts";
import type { RunLeg } from "./execute.ts";
import { resumeRun } from "./runs.ts";

/**
 * What an agent's graph interrupts with when drafts wait for a person: `interrupt(approval)`.
 * The graph then resumes with `ApprovalAnswer`.
 */
export interface ApprovalRequest {
  kind: "draft_approval";
  drafts: { id: string; subject: string | null; body: string; to: string | null; reason: string }[];
}

/** The resume value after a person decided: one entry per decided draft. */
export interface ApprovalAnswer {
  decisions: (DecidedDraft & { decision: DraftDecision["decision"] })[];
}

/**
 * Applies a person's decisions to the drafts a run is waiting on (approved drafts go to the
 * outbox), then resumes the run with them. Every draft the run asked about must be decided.
 */
export async function decideRunDrafts(
  deps: Deps,
  agent: AgentDefinition,
  tenantId: string,
  runId: string,
  decisions: DraftDecision[],
  actor: string,
): Promise<RunLeg> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== "interrupted") throw new RunStateError(runId, run.status, "decide its drafts");
  const waiting = await deps.sql<{ id: string }[]>`
    SELECT id FROM drafts WHERE tenant_id = ${tenantId} AND run_id = ${runId} AND status = 'pending' ORDER BY id`;
  const asked = new Set(waiting.map((d) => d.id));
  const unknown = decisions.filter((d) => !asked.has(d.draftId)).map((d) => d.draftId);
  if (unknown.length > 0) {
    throw new RunError("DRAFT_NOT_IN_RUN", `drafts not pending in run ${runId}: ${unknown.join(", ")}`);
  }
  const missing = [...asked].filter((id) => !decisions.some((d) => d.draftId === id));
  if (missing.length > 0) {
    throw new RunError(
      "DECISION_MISSING",
      `run ${runId} also waits on drafts ${missing.join(", ")}: decide every one`,
    );
  }
  const decided = await decideDrafts(deps.sql, tenantId, decisions, actor);
  const applied = decided.map((d, i) => ({ ...d, decision: decisions[i]!.decision }));
  return resumeRun(deps, agent, tenantId, runId, { decisions: applied } satisfies ApprovalAnswer);
}
