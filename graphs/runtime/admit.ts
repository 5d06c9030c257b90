import { withTenant } from "../../db/index.ts";
import {
  createRun,
  findBusyRunOnTarget,
  findRunByKey,
  lockRunTarget,
  type AgentRun,
  type RunTarget,
} from "../../db/queries/runs.ts";
import { findMissingTarget } from "../../db/queries/targets.ts";
import type { Budget } from "../../models/meter.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { BudgetAboveMaximumError, TargetBusyError, TargetNotFoundError } from "./errors.ts";

export interface RunRequest {
  tenantId: string;
  target: RunTarget;
  /** api, schedule, event, cli, eval. Default `api`. */
  trigger?: string;
  /** Lower limits than the configured maximum; a higher one is refused (BUDGET_ABOVE_MAXIMUM). */
  budget?: Partial<Budget>;
  /** The same key twice gives the same run, not a second one. */
  idempotencyKey?: string;
  parentRunId?: string;
}

/**
 * What to do with a second run on a target that already has a busy (queued or running) run of
 * the same agent, as LangGraph's multitask strategies: `reject` (the default) refuses it with
 * TARGET_BUSY naming the busy run; `enqueue` queues it behind. A run waiting for a person
 * (`interrupted`) never holds its target.
 */
export type BusyPolicy = "reject" | "enqueue";

export interface AdmitRequest extends RunRequest {
  /** Default `reject`. */
  policy?: BusyPolicy;
}

export interface AdmittedRun {
  run: AgentRun;
  /** False when the idempotency key found an earlier run (nothing new was created). */
  created: boolean;
  /** The busy run it waits behind (policy `enqueue` on a busy target), else null. */
  behind: string | null;
}

const BUDGET_FIELDS = [
  ["maxLlmCalls", "budget.max_llm_calls"],
  ["maxTokens", "budget.max_tokens"],
  ["maxWallMs", "budget.max_wall_ms"],
] as const;

/**
 * The one way a run is created (enqueueRun and runAgent both come here): the agent checks the
 * target's kind, an idempotency key that ran before returns that run, then — in one tenant
 * transaction, under row-level security — the target's entity must exist (TARGET_NOT_FOUND
 * naming its id and kind), the budget may not exceed the maximum (BUDGET_ABOVE_MAXIMUM), and
 * a busy target refuses (TARGET_BUSY) or queues behind, per `policy`.
 */
export async function admitRun(
  deps: Deps,
  agent: AgentDefinition,
  request: AdmitRequest,
): Promise<AdmittedRun> {
  agent.input(request.target);
  const { tenantId, target } = request;
  const budget = checkedBudget(deps.budget, request.budget);
  if (request.idempotencyKey) {
    const earlier = await findRunByKey(deps.sql, tenantId, request.idempotencyKey);
    if (earlier) return { run: earlier, created: false, behind: null };
  }
  return withTenant(deps.sql, tenantId, async (tx) => {
    const missing = await findMissingTarget(tx, tenantId, target);
    if (missing) throw new TargetNotFoundError(missing.kind, missing.id, missing.actualKind);
    await lockRunTarget(tx, tenantId, agent.name, target);
    const busy = await findBusyRunOnTarget(tx, { tenantId, agent: agent.name, target });
    if (busy && (request.policy ?? "reject") === "reject") throw new TargetBusyError(busy);
    const made = await createRun(tx, {
      tenantId,
      agent: agent.name,
      target,
      trigger: request.trigger ?? "api",
      budget: budget as unknown as Record<string, number>,
      idempotencyKey: request.idempotencyKey ?? null,
      parentRunId: request.parentRunId ?? null,
    });
    return { ...made, behind: busy?.id ?? null };
  });
}

/** The budget of a run: the configured maximum, lowered by the request; above it is refused. */
export function checkedBudget(maximum: Budget, requested: Partial<Budget> = {}): Budget {
  for (const [key, field] of BUDGET_FIELDS) {
    const asked = requested[key];
    if (asked !== undefined && asked > maximum[key]) {
      throw new BudgetAboveMaximumError(field, asked, maximum[key]);
    }
  }
  return lowerBudget(maximum, requested);
}

/** The configured defaults, lowered (never raised) by the request. */
export function lowerBudget(defaults: Budget, requested: Partial<Budget> = {}): Budget {
  return {
    maxLlmCalls: Math.min(defaults.maxLlmCalls, requested.maxLlmCalls ?? Infinity),
    maxTokens: Math.min(defaults.maxTokens, requested.maxTokens ?? Infinity),
    maxWallMs: Math.min(defaults.maxWallMs, requested.maxWallMs ?? Infinity),
  };
}
