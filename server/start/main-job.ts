import { utcDate } from "../../agents/planner/index.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../db/queries/api-keys.ts";
import { countRunOutputs, runOutputs } from "../../db/queries/outputs.ts";
import type { AgentRun } from "../../db/queries/runs.ts";
import type { Tenant } from "../../db/queries/tenants.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { runNightlyPlan, type PlanSummary } from "../../graphs/planner/index.ts";
import { runAgent, type Deps } from "../../graphs/runtime/index.ts";

/** The agents the main job runs over the whole book, in this order, before the nightly plan. */
export const MAIN_JOB_AGENTS = ["sales", "cs", "marketing", "support"] as const;

export interface MainJobResult {
  runs: AgentRun[];
  plan: PlanSummary;
}

/**
 * Runs every agent once over the tenant's book, then the nightly plan. Each agent run has the
 * idempotency key `start:<agent>:<day>`, so starting again the same day shows that day's runs
 * instead of running them twice; the plan for a day is the same plan when asked again.
 */
export async function runMainJob(deps: Deps, tenant: Tenant): Promise<MainJobResult> {
  const day = utcDate(deps.now());
  const runs: AgentRun[] = [];
  for (const name of MAIN_JOB_AGENTS) {
    const started = Date.now();
    const leg = await runAgent(deps, agentNamed(name), {
      tenantId: tenant.id,
      target: { kind: "all" },
      trigger: "start",
      idempotencyKey: `start:${name}:${day}`,
    });
    const counts = await countRunOutputs(deps.sql, leg.run.id);
    console.log(
      `  ${name.padEnd(10)} ${leg.run.status.padEnd(12)} ${counts.scores} scores, ${counts.tasks} tasks, ` +
        `${counts.drafts} drafts  (${((Date.now() - started) / 1000).toFixed(1)} s, run ${leg.run.id})`,
    );
    runs.push(leg.run);
  }
  const started = Date.now();
  const plan = await runNightlyPlan(deps, { tenantId: tenant.id, date: day, trigger: "start" });
  console.log(
    `  ${"planner".padEnd(10)} ${plan.method} ${plan.status}, objective ${plan.objective.toFixed(0)} ` +
      `of bound ${plan.bound.toFixed(0)}  (${((Date.now() - started) / 1000).toFixed(1)} s, plan ${plan.planId})`,
  );
  return { runs, plan };
}

/** What a person looks at first: top scores, each rep's tasks for the day, drafts waiting. */
export async function formatMainJobSummary(deps: Deps, result: MainJobResult): Promise<string[]> {
  const out = ["", "top scores"];
  for (const run of result.runs) {
    const { scores } = await runOutputs(deps.sql, run.id, 3);
    for (const s of scores) {
      const why = [...s.reasons]
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
        .slice(0, 2)
        .map((r) => r.factor)
        .join(", ");
      out.push(
        `  ${run.agent.padEnd(10)} ${s.kind.padEnd(20)} ${s.value.toFixed(0).padStart(3)} ${(s.tier ?? "").padEnd(8)} ` +
          `${s.entity_kind} ${s.entity_name ?? s.entity_id}${why ? `  (${why})` : ""}`,
      );
    }
  }
  out.push(
    "",
    `tasks per person, plan ${result.plan.planDate} (${result.plan.method}, gap ${(100 * result.plan.gap).toFixed(2)}%)`,
  );
  for (const rep of [...result.plan.reps].sort((a, b) => b.tasks - a.tasks || a.name.localeCompare(b.name))) {
    out.push(
      `  ${rep.name.padEnd(24)} ${rep.role.padEnd(8)} ${String(rep.tasks).padStart(3)} tasks  ` +
        `${(rep.usedMinutes / 60).toFixed(1)}/${(rep.capacityMinutes / 60).toFixed(1)} h`,
    );
  }
  out.push("", "drafts waiting for approval");
  let waiting = 0;
  for (const run of result.runs.filter((r) => r.status === "interrupted")) {
    const { drafts } = await countRunOutputs(deps.sql, run.id);
    waiting += drafts;
    out.push(`  ${run.agent.padEnd(10)} ${drafts} drafts   crm approve ${run.id} --all`);
  }
  if (waiting === 0) out.push("  none");
  return out;
}

const QUICKSTART = "quickstart";

/**
 * A fresh API key for trying the API (read, runs:write, approve), printed once. The key the
 * previous start printed is revoked, so restarts do not pile up live keys.
 */
export async function quickstartKey(deps: Deps, tenant: Tenant): Promise<string> {
  for (const key of await listApiKeys(deps.sql, tenant.id)) {
    if (key.name === QUICKSTART && !key.revoked_at) await revokeApiKey(deps.sql, tenant.id, key.id);
  }
  const { key } = await createApiKey(deps.sql, {
    tenantId: tenant.id,
    name: QUICKSTART,
    scopes: ["read", "runs:write", "approve"],
  });
  return key;
}
