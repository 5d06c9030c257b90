import { withTenant } from "../../db/index.ts";
import { appendRunEvent } from "../../db/queries/run-events.ts";
import { getRun } from "../../db/queries/runs.ts";
import { planOfDate } from "../../db/queries/plans.ts";
import { finishPlan, listPlanBatches, openPlan, planBatch } from "../../graphs/planner/index.ts";
import type { NightlyPlanner } from "./nightly.ts";

/** graphs/planner's flow functions (openPlan → planBatch × n → finishPlan) as queue jobs run them. */
export const graphPlanner: NightlyPlanner = {
  async open(deps, req) {
    const opened = await openPlan(deps, {
      tenantId: req.tenantId,
      date: req.day,
      batchSize: req.batchAccounts,
      idempotencyKey: req.key,
      trigger: req.trigger,
    });
    return { runId: opened.runId, planId: opened.planId, batches: opened.batches };
  },
  async reopen(deps, run, day, batchAccounts) {
    const plan = await withTenant(deps.sql, run.tenant_id, (tx) => planOfDate(tx, run.tenant_id, day));
    if (!plan || plan.run_id !== run.id) return null;
    const batches = await listPlanBatches(deps, {
      tenantId: run.tenant_id,
      planId: plan.id,
      batchSize: batchAccounts,
    });
    return { planId: plan.id, batches };
  },
  planBatch: (deps, b) =>
    planBatch(deps, { tenantId: b.tenantId, planId: b.planId, accountIds: b.accountIds, leadIds: b.leadIds }),
  async finishPlan(deps, plan) {
    const summary = await finishPlan(deps, { tenantId: plan.tenantId, planId: plan.planId });
    const run = await getRun(deps.sql, plan.tenantId, plan.runId);
    if (run?.status === "succeeded") {
      await appendRunEvent(deps.sql, plan.tenantId, plan.runId, "run_succeeded", { planId: plan.planId });
    }
    return summary;
  },
};
