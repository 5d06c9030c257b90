import { utcDate } from "../../agents/planner/index.ts";
import { countRunOutputs, runOutputs } from "../../db/queries/outputs.ts";
import type { AgentRun } from "../../db/queries/runs.ts";
import type { Tenant } from "../../db/queries/tenants.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { runNightlyPlan, type PlanSummary } from "../../graphs/planner/index.ts";
import { runAgent, type Deps } from "../../graphs/runtime/index.ts";
import { alignColumns } from "./columns.ts";

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
    // printed as each agent finishes, so fixed widths: the longest status, four-digit counts
    const wrote = `${counts.scores} scores, ${counts.tasks} tasks, ${counts.drafts} drafts`;
    console.log(
      `  ${name.padEnd(10)} ${leg.run.status.padEnd(15)} ${wrote.padEnd(34)} ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s, run ${leg.run.id})`,
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
  const scores: string[][] = [];
  for (const run of result.runs) {
    for (const s of (await runOutputs(deps.sql, run.id, 3)).scores) {
      const why = [...s.reasons]
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
        .slice(0, 2)
        .map((r) => r.factor)
        .join(", ");
      const about = `${s.entity_kind} ${s.entity_name ?? s.entity_id}`;
      scores.push([run.agent, s.kind, s.value.toFixed(0), s.tier ?? "-", why ? `${about}  (${why})` : about]);
    }
  }
  const out = ["", "top scores", ...alignColumns(scores, [2])];
  const plan = result.plan;
  out.push(
    "",
    `tasks per person, plan ${plan.planDate} (${plan.method}, gap ${(100 * plan.gap).toFixed(2)}%)`,
  );
  const reps = [...plan.reps].sort((a, b) => b.tasks - a.tasks || a.name.localeCompare(b.name));
  out.push(
    ...alignColumns(
      reps.map((rep) => [
        rep.name,
        rep.role,
        `${rep.tasks} tasks`,
        `${(rep.usedMinutes / 60).toFixed(1)}/${(rep.capacityMinutes / 60).toFixed(1)} h`,
      ]),
      [2, 3],
    ),
  );
  out.push("", "drafts waiting for approval");
  const waiting: string[][] = [];
  for (const run of result.runs.filter((r) => r.status === "interrupted")) {
    const { drafts } = await countRunOutputs(deps.sql, run.id);
    waiting.push([run.agent, `${drafts} drafts`, `crm approve ${run.id} --all`]);
  }
  out.push(...(waiting.length > 0 ? alignColumns(waiting, [1]) : ["  none"]));
  return out;
}
