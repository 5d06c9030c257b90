import {
  parsePlanDate,
  parsePlannerPolicy,
  PLANNER_TOOLS,
  type PlannerPolicyInput,
} from "../../agents/planner/index.ts";
import { withTenant } from "../../db/index.ts";
import { getPlan, type PlanRow } from "../../db/queries/plans.ts";
import { createRun, finishRun, getRun, startRun } from "../../db/queries/runs.ts";
import { NoMemoryEmbedder } from "../../memory/index.ts";
import { runTool, TOOLS, type ToolContext } from "../../tools/index.ts";
import type { Deps } from "../runtime/index.ts";
import { assignPlan } from "./assign.ts";
import { PlanNotFoundError, PlanWithoutRunError } from "./errors.ts";
import { proposeSlice } from "./propose.ts";
import { PROPOSAL_SOURCES, type BatchSlice } from "./sources/index.ts";
import type { PlanSummary } from "./summary.ts";

// The nightly plan as a flow of jobs (BullMQ parent + children), outside the graph:
//   openPlan (parent, first) → planBatch × batches (children) → finishPlan (parent, last).
// Every step is idempotent, so a retried or stalled job can run again.

/**
 * Opens the tenant's plan of `date` for a flow: a planner run (agent `planner`, target all with
 * `filter.mode = "flow"`) that owns the batches' writes, the plan row, and the book in batches.
 * With an idempotency key (e.g. the parent job's id) a retried parent reuses its run.
 */
export async function openPlan(
  deps: Deps,
  req: { tenantId: string; date: string; batchSize?: number; idempotencyKey?: string; trigger?: string },
): Promise<{ planId: string; runId: string; asOf: string; batches: BatchSlice[] }> {
  const date = parsePlanDate(req.date);
  const { run } = await createRun(deps.sql, {
    tenantId: req.tenantId,
    agent: "planner",
    target: { kind: "all", filter: { date, mode: "flow" } },
    trigger: req.trigger ?? "schedule",
    budget: deps.budget as unknown as Record<string, number>,
    idempotencyKey: req.idempotencyKey ?? null,
    parentRunId: null,
  });
  await startRun(deps.sql, run.id);
  const embedder = new NoMemoryEmbedder("planner");
  const ctx: ToolContext = {
    sql: deps.sql,
    tenantId: req.tenantId,
    runId: run.id,
    agent: "planner",
    allowedTools: PLANNER_TOOLS,
    node: "open_plan",
    embedder,
    now: deps.now,
  };
  const asOf = deps.now().toISOString();
  const plan = await runTool(TOOLS.planner_open_plan, { plan_date: date, as_of: asOf }, ctx);
  const size = req.batchSize ?? parsePlannerPolicy({}).batchSize;
  const { batches } = await runTool(TOOLS.planner_book_batches, { batch_size: size }, ctx);
  return {
    planId: plan.id,
    runId: run.id,
    asOf: new Date(plan.as_of).toISOString(),
    batches: batches.map((b) => ({ accountIds: b.account_ids, leadIds: b.lead_ids })),
  };
}

/** The tool context of a plan's own run, for work done outside the graph (queue jobs). */
async function planContext(
  deps: Deps,
  tenantId: string,
  planId: string,
  node: string,
): Promise<{ ctx: ToolContext; plan: PlanRow }> {
  const plan = await withTenant(deps.sql, tenantId, (tx) => getPlan(tx, tenantId, planId));
  if (!plan) throw new PlanNotFoundError(planId);
  if (!plan.run_id) throw new PlanWithoutRunError(planId);
  const embedder = new NoMemoryEmbedder("planner");
  return {
    plan,
    ctx: {
      sql: deps.sql,
      tenantId,
      runId: plan.run_id,
      agent: "planner",
      allowedTools: PLANNER_TOOLS,
      node,
      embedder,
      now: deps.now,
    },
  };
}

/**
 * The book of an open plan cut into batches, for a queue parent to fan out as child jobs.
 * `batchSize` accounts (or account-less leads) per batch; default the planner's 200.
 */
export async function listPlanBatches(
  deps: Deps,
  req: { tenantId: string; planId: string; batchSize?: number },
): Promise<BatchSlice[]> {
  const { ctx } = await planContext(deps, req.tenantId, req.planId, "open_plan");
  const size = req.batchSize ?? parsePlannerPolicy({}).batchSize;
  const { batches } = await runTool(TOOLS.planner_book_batches, { batch_size: size }, ctx);
  return batches.map((b) => ({ accountIds: b.account_ids, leadIds: b.lead_ids }));
}

/**
 * One batch of an open plan, outside the graph (a queue child job): every registered source's
 * proposal step over the batch's accounts (and account-less leads), saved as candidates under
 * the plan's run. Idempotent: a retried batch rewrites its own rows, never adds tasks.
 */
export async function planBatch(
  deps: Deps,
  req: {
    tenantId: string;
    planId: string;
    accountIds: string[];
    leadIds?: string[];
    options?: PlannerPolicyInput;
  },
): Promise<{ proposed: Record<string, number>; created: Record<string, number> }> {
  const { ctx, plan } = await planContext(deps, req.tenantId, req.planId, "propose");
  const policy = parsePlannerPolicy(req.options ?? {});
  const slice = { accountIds: req.accountIds, leadIds: req.leadIds ?? [] };
  const proposed: Record<string, number> = {};
  const created: Record<string, number> = {};
  for (const source of Object.keys(PROPOSAL_SOURCES)) {
    const r = await proposeSlice(ctx, {
      planId: req.planId,
      source,
      slice,
      asOf: new Date(plan.as_of),
      policy,
    });
    proposed[source] = r.proposed;
    created[source] = r.created;
  }
  return { proposed, created };
}

/**
 * The assignment step of an open plan, outside the graph (the queue parent, after its children):
 * gathers every batch's candidates, solves and stores the plan, and marks a flow's run succeeded.
 */
export async function finishPlan(
  deps: Deps,
  req: { tenantId: string; planId: string; options?: PlannerPolicyInput },
): Promise<PlanSummary> {
  const { ctx, plan } = await planContext(deps, req.tenantId, req.planId, "assign");
  const summary = await assignPlan(ctx, req.planId, parsePlannerPolicy(req.options ?? {}), () =>
    deps.now().getTime(),
  );
  const run = await getRun(deps.sql, req.tenantId, plan.run_id!);
  if (run && run.status === "running" && run.target.filter?.mode === "flow")
    await finishRun(deps.sql, run.id, {
      status: "succeeded",
      usage: run.usage,
      provider: null,
      degraded: false,
      error: null,
    });
  return summary;
}
