import { getSchedule, markScheduleFired, PLAN_AGENT, ScheduleError } from "../../db/queries/schedules.ts";
import { agentNamed, UnknownAgentError } from "../../graphs/agents.ts";
import {
  enqueueRun,
  executeQueuedRun,
  resumeDecidedRun,
  RunError,
  TargetBusyError,
  type AgentDefinition,
  type Deps,
} from "../../graphs/runtime/index.ts";
import { UnrecoverableJobError } from "./errors.ts";
import { planActive, startNightlyPlan, type NightlyPlanner } from "./nightly.ts";
import { graphPlanner } from "./planner.ts";
import type { JobHandlers, JobQueue } from "./types.ts";

export interface HandlerOptions {
  /** Agents by name (default: the registry in graphs/agents.ts). */
  agents?: (name: string) => AgentDefinition;
  /** The nightly planner the `plan` and `plan-batch` jobs run (default graphs/planner's). */
  planner?: NightlyPlanner;
  /** Accounts per plan batch (PLAN_BATCH_ACCOUNTS, default 500). */
  planBatchAccounts?: number;
  /** How soon a run queued behind a busy target looks again (default 1000 ms). */
  busyRetryMs?: number;
  /** The same while the busy run waits for a person, which can take hours (default 30000 ms). */
  interruptedRetryMs?: number;
}

/** Named errors a retry cannot fix: the job fails at once. */
function unrecoverable(err: unknown): never {
  if (err instanceof RunError || err instanceof UnknownAgentError || err instanceof ScheduleError) {
    throw new UnrecoverableJobError(err.message, err);
  }
  throw err;
}

/** The handlers a worker runs: agent runs, schedule firings, and the nightly plan flow. */
export function jobHandlers(deps: Deps, queue: JobQueue, options: HandlerOptions = {}): JobHandlers {
  const agents = options.agents ?? agentNamed;
  const planner = options.planner ?? graphPlanner;
  return {
    async run({ tenantId, runId }) {
      const done = await executeQueuedRun(deps, agents, tenantId, runId).catch(unrecoverable);
      if (done.kind === "deferred") {
        const waitMs =
          done.behind.status === "interrupted"
            ? (options.interruptedRetryMs ?? 30_000)
            : (options.busyRetryMs ?? 1000);
        return {
          retryAfterMs: waitMs,
          reason: `queued behind run ${done.behind.id} (${done.behind.status})`,
        };
      }
      const run = done.kind === "executed" ? done.leg.run : done.run;
      return { result: { runId, outcome: done.kind, status: run.status } };
    },

    async resume({ tenantId, runId }) {
      const leg = await resumeDecidedRun(deps, agents, tenantId, runId).catch(unrecoverable);
      if (!leg) return { result: { runId, outcome: "skipped" } };
      return { result: { runId, outcome: "resumed", status: leg.run.status } };
    },

    async schedule({ tenantId, scheduleId }, ctx) {
      const schedule = await getSchedule(deps.sql, tenantId, scheduleId).catch((err: unknown) => {
        if (err instanceof ScheduleError && err.code === "SCHEDULE_NOT_FOUND") return null;
        throw err;
      });
      if (!schedule?.enabled) {
        // deleted or disabled since the scheduler was mirrored: stop it firing
        await queue.removeSchedule(scheduleId);
        return { result: { skipped: schedule ? "disabled" : "deleted" } };
      }
      await markScheduleFired(deps.sql, schedule.id, deps.now());
      if (schedule.agent === PLAN_AGENT) {
        const plan = await startNightlyPlan(deps, queue, planner, tenantId, {
          trigger: "schedule",
          tz: schedule.tz,
          batchAccounts: options.planBatchAccounts ?? 500,
        });
        return { result: { runId: plan.run.id, status: plan.run.status, batches: plan.batches } };
      }
      try {
        const { run, created } = await enqueueRun(deps, queue, agents(schedule.agent), {
          tenantId,
          target: schedule.target,
          trigger: "schedule",
          policy: "reject",
          // one run per firing, however often the firing job is retried
          idempotencyKey: `schedule:${schedule.id}:${ctx.id}`,
        });
        return { result: { runId: run.id, created } };
      } catch (err) {
        // the last firing's run still holds the target: skip this one rather than pile up
        if (err instanceof TargetBusyError) return { result: { skipped: "busy", busyRunId: err.busyRunId } };
        return unrecoverable(err);
      }
    },

    async plan(data, ctx) {
      if (!(await planActive(deps, data))) return { result: { skipped: "plan run not running" } };
      const results = await ctx.childResults();
      const summary = await planner.finishPlan(deps, data);
      return { result: { runId: data.runId, batchesDone: Object.keys(results).length, summary } };
    },

    async "plan-batch"(data) {
      if (!(await planActive(deps, data))) return { result: { skipped: "plan run not running" } };
      return { result: await planner.planBatch(deps, data) };
    },
  };
}
