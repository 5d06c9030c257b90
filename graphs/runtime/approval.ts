import { getDraft, runDecisions } from "../../db/queries/draft-list.ts";
import {
  decideDrafts,
  DraftDecisionError,
  type DecidedDraft,
  type DraftDecision,
} from "../../db/queries/drafts.ts";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunError, RunNotFoundError, RunStateError } from "./errors.ts";
import { legOf, type RunLeg } from "./execute.ts";
import { resumeRun } from "./runs.ts";

/**
 * What an agent's graph interrupts with when drafts wait for a person: `interrupt(approval)`.
 * The graph then resumes with `ApprovalAnswer`.
 */
export interface ApprovalRequest {
  kind: "draft_approval";
  drafts: { id: string; subject: string | null; body: string; to: string | null; reason: string }[];
}

/**
 * The resume value after a person decided: one entry per decided draft of the run. Drafts left
 * pending (resumed with the rest pending) are not in it; they can still be decided one by one.
 */
export interface ApprovalAnswer {
  decisions: (DecidedDraft & { decision: DraftDecision["decision"] })[];
}

/**
 * What to do with a run's drafts nobody decided when the run is told to resume anyway:
 * `reject` them, or leave them `pending` (decidable later, one by one, after the run finished).
 * Without it, a run resumes once every draft it waits on is decided.
 */
export type RestOfRun = "pending" | "reject";

/** Where a run's resume goes: server/queue's JobQueue (job id `resume-<runId>`). */
export interface ResumeJobSink {
  /** Queues the run's resume job; adding a job that exists is a no-op. */
  addResume(data: { tenantId: string; runId: string }): Promise<void>;
}

/** What storing decisions on a run's drafts did. */
export interface StoredDecisions {
  /** The run as it stands once the decisions are stored (still `interrupted`: it resumes in a worker). */
  run: AgentRun;
  decided: DecidedDraft[];
  /** Drafts of the run still pending. */
  pending: string[];
  /** `queued`: the run's resume job is queued; `waiting`: it still waits on `pending`; `none`: the run is not waiting. */
  resume: "queued" | "waiting" | "none";
}

/**
 * Stores a person's decisions on some (or all) of the drafts an interrupted run waits on, and
 * queues the run's resume when none is left pending, or at once with `rest` (the rest rejected,
 * or left pending). Returns when the decisions are stored; the run resumes in a worker.
 */
export async function queueRunDecisions(
  deps: Deps,
  queue: ResumeJobSink,
  tenantId: string,
  runId: string,
  decisions: DraftDecision[],
  actor: string,
  rest?: RestOfRun,
): Promise<StoredDecisions> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== "interrupted") throw new RunStateError(runId, run.status, "decide its drafts");
  if (decisions.length === 0 && rest === undefined) {
    throw new RunError(
      "NO_DECISIONS",
      `nothing to decide for run ${runId}: decide at least one draft, or give rest`,
    );
  }
  const stored = await decideDrafts(deps.sql, tenantId, decisions, actor, {
    runId,
    rejectRest: rest === "reject" ? `rejected with the rest of run ${runId}` : undefined,
  });
  const ready = stored.pendingInRun.length === 0 || rest !== undefined;
  if (ready) await queue.addResume({ tenantId, runId });
  return { run, decided: stored.decided, pending: stored.pendingInRun, resume: ready ? "queued" : "waiting" };
}

/**
 * Decides one pending draft (approve, edit or reject). When it was the last draft its run waits
 * on, the run's resume is queued. A draft whose run finished (resumed with the rest pending) or
 * that has no run is decided all the same; a closed draft (its run was cancelled) is DRAFT_CLOSED.
 */
export async function decideDraft(
  deps: Deps,
  queue: ResumeJobSink,
  tenantId: string,
  decision: DraftDecision,
  actor: string,
): Promise<Omit<StoredDecisions, "run"> & { run: AgentRun | null }> {
  const draft = await getDraft(deps.sql, tenantId, decision.draftId);
  if (!draft) throw new DraftDecisionError(`draft ${decision.draftId} not found`, "DRAFT_NOT_FOUND");
  const runId = draft.run_id;
  const stored = await decideDrafts(deps.sql, tenantId, [decision], actor, { runId });
  const run = runId ? await getRun(deps.sql, tenantId, runId) : null;
  const waiting = run?.status === "interrupted";
  const ready = waiting && stored.pendingInRun.length === 0;
  if (ready) await queue.addResume({ tenantId, runId: run.id });
  return {
    run,
    decided: stored.decided,
    pending: stored.pendingInRun,
    resume: ready ? "queued" : waiting ? "waiting" : "none",
  };
}

/**
 * The worker side of a resume job: resumes an interrupted run with the decisions stored on its
 * drafts. Null when the run no longer waits (a repeated job, or the run was cancelled).
 */
export async function resumeDecidedRun(
  deps: Deps,
  agents: (name: string) => AgentDefinition,
  tenantId: string,
  runId: string,
): Promise<RunLeg | null> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== "interrupted") return null;
  const decisions = (await runDecisions(deps.sql, runId)).map((d) => ({
    id: d.id,
    status: d.status,
    outboxId: d.outbox_id,
    decision: d.decision,
  }));
  return resumeRun(deps, agents(run.agent), tenantId, runId, { decisions } satisfies ApprovalAnswer);
}

/**
 * Decides and resumes in this process, for callers without a worker (the CLI, tests): stores the
 * decisions, then resumes the run here when it is ready, else returns it still waiting.
 */
export async function decideRunDrafts(
  deps: Deps,
  agent: AgentDefinition,
  tenantId: string,
  runId: string,
  decisions: DraftDecision[],
  actor: string,
  rest?: RestOfRun,
): Promise<RunLeg & { pending: string[] }> {
  let ready = false;
  const now: ResumeJobSink = {
    addResume: async () => {
      ready = true;
    },
  };
  const stored = await queueRunDecisions(deps, now, tenantId, runId, decisions, actor, rest);
  const leg = ready ? await resumeDecidedRun(deps, () => agent, tenantId, runId) : null;
  return { ...(leg ?? (await legOf(deps, agent, stored.run))), pending: stored.pending };
}
