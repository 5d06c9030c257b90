import { appendRunEvent } from "../../db/queries/run-events.ts";
import { findRunByKey, getRun, type AgentRun } from "../../db/queries/runs.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import type { JobQueue, PlanBatch, PlanBatchJobData, PlanJobData } from "./types.ts";

/**
 * The nightly planner as the queue runs it (graphs/planner's flow functions, adapted in
 * planner.ts): the plan opened under a planner run and cut into batches, one child job per batch,
 * then one parent job that solves the plan from every batch's candidates. Any worker may run any
 * of these jobs.
 */
export interface NightlyPlanner {
  /** Creates the plan's run (idempotent by `key`), opens the day's plan under it, cuts the book. */
  open(
    deps: Deps,
    req: { tenantId: string; day: string; batchAccounts: number; key: string; trigger: string },
  ): Promise<{ runId: string; planId: string; batches: PlanBatch[] }>;
  /** The plan a running plan run opened, with its batches (re-queueing a flow after a crash); null if none. */
  reopen(
    deps: Deps,
    run: AgentRun,
    day: string,
    batchAccounts: number,
  ): Promise<{ planId: string; batches: PlanBatch[] } | null>;
  /** Proposes tasks for one batch; idempotent, so a retried batch rewrites its own rows. */
  planBatch(deps: Deps, batch: PlanBatchJobData): Promise<unknown>;
  /** Solves the plan from the candidates every batch wrote and marks its run succeeded; returns the summary. */
  finishPlan(deps: Deps, plan: PlanJobData): Promise<unknown>;
}

/** The plan's day, as an ISO date, in time zone `tz`. */
export function planDay(now: Date, tz: string): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return format.format(now);
}

/** A plan made by queue jobs rather than by one graph run: its run is not a graph to resume. */
export function isFlowPlanRun(run: AgentRun): boolean {
  return run.agent === "planner" && run.target.filter?.mode === "flow";
}

export interface StartedPlan {
  run: AgentRun;
  /** Batches queued as child jobs; 0 when the day's plan was already made (or cancelled). */
  batches: number;
}

/**
 * Queues a tenant's nightly plan as a flow. One plan run per tenant and day (`key` overrides):
 * asking again while it is in progress re-queues the same flow (a no-op when it exists); a
 * finished or cancelled plan is left alone.
 */
export async function startNightlyPlan(
  deps: Deps,
  queue: JobQueue,
  planner: NightlyPlanner,
  tenantId: string,
  options: { trigger: string; tz: string; batchAccounts: number; key?: string },
): Promise<StartedPlan> {
  const day = planDay(deps.now(), options.tz);
  const key = options.key ?? `nightly:${day}`;
  const earlier = await findRunByKey(deps.sql, tenantId, key);
  if (earlier && earlier.status !== "running") return { run: earlier, batches: 0 };
  let opened: { runId: string; planId: string; batches: PlanBatch[] } | null;
  if (earlier) {
    const found = await planner.reopen(deps, earlier, day, options.batchAccounts);
    opened = found && { runId: earlier.id, ...found };
  } else {
    opened = await planner.open(deps, {
      tenantId,
      day,
      batchAccounts: options.batchAccounts,
      key,
      trigger: options.trigger,
    });
    await appendRunEvent(deps.sql, tenantId, opened.runId, "run_started", {
      agent: "planner",
      leg: "flow",
      day,
    });
  }
  if (!opened) return { run: earlier!, batches: 0 };
  const plan: PlanJobData = {
    tenantId,
    planKey: opened.runId,
    runId: opened.runId,
    planId: opened.planId,
    day,
    trigger: options.trigger,
  };
  await queue.addPlanFlow({ plan, batches: opened.batches });
  deps.logger.info(
    { runId: opened.runId, planId: opened.planId, day, batches: opened.batches.length },
    "nightly plan queued",
  );
  return { run: (await getRun(deps.sql, tenantId, opened.runId))!, batches: opened.batches.length };
}

/** Whether a plan's run still wants work (a cancelled plan's remaining jobs do nothing). */
export async function planActive(deps: Deps, plan: PlanJobData): Promise<boolean> {
  return (await getRun(deps.sql, plan.tenantId, plan.runId))?.status === "running";
}

/** Re-queues the flow of a plan left running (the in-process runner lost its jobs with its process). */
export async function resumePlanFlow(
  deps: Deps,
  queue: JobQueue,
  planner: NightlyPlanner,
  run: AgentRun,
  batchAccounts: number,
): Promise<boolean> {
  const day = String(run.target.filter?.date);
  const found = await planner.reopen(deps, run, day, batchAccounts);
  if (!found) return false;
  const plan: PlanJobData = {
    tenantId: run.tenant_id,
    planKey: run.id,
    runId: run.id,
    planId: found.planId,
    day,
    trigger: run.trigger,
  };
  await queue.addPlanFlow({ plan, batches: found.batches });
  return true;
}
