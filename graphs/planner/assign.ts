import {
  buildInstance,
  checkPlan,
  dedupeTasks,
  solvePlan,
  violationCount,
  zonedDayStart,
  type PlannerPolicy,
  type PlanRep,
  type PlanTask,
} from "../../agents/planner/index.ts";
import { runTool, TOOLS, type ToolContext } from "../../tools/index.ts";
import { PlanViolationError } from "./errors.ts";
import type { PlanSummary } from "./summary.ts";

/**
 * The assignment step: the plan's open candidates and the tenant's people → dedupe, rank, solve
 * (HiGHS MIP, or the greedy past the size threshold), check the result from scratch (0 capacity,
 * deadline, overlap or duplicate violations, or nothing is stored), and store it.
 */
export async function assignPlan(
  ctx: ToolContext,
  planId: string,
  policy: PlannerPolicy,
  clock: () => number,
): Promise<PlanSummary> {
  const {
    plan,
    candidates,
    reps: people,
  } = await runTool(TOOLS.planner_plan_inputs, { plan_id: planId }, ctx);
  const tasks: PlanTask[] = candidates.map((c) => ({
    id: c.id,
    source: c.source,
    type: c.type,
    title: c.title,
    entityKind: c.entity_kind,
    entityId: c.entity_id,
    expectedValue: Number(c.expected_value),
    minutes: c.estimated_minutes,
    dueAt: c.due_at ? new Date(c.due_at).toISOString() : null,
    requiredSkill: c.required_skill,
    ownerId: c.owner_id,
    territories: c.owner_territories,
  }));
  const reps: PlanRep[] = people.map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    capacityMinutes: Math.floor(Number(u.capacity_hours_per_day) * 60),
    skills: u.skills,
    territories: u.territories,
    timeZone: u.time_zone,
    dayStart: zonedDayStart(plan.plan_date, policy.workdayStartHour, u.time_zone),
  }));
  const deduped = dedupeTasks(tasks);
  const inst = buildInstance(plan.plan_date, deduped.tasks, reps, policy);
  const solution = await solvePlan(inst, policy, clock);
  const violations = checkPlan(inst, solution.assignments);
  if (violationCount(violations) > 0) throw new PlanViolationError(JSON.stringify(violations).slice(0, 500));
  const unassignedByReason: Record<string, number> = {};
  for (const u of solution.unassigned) unassignedByReason[u.reason] = (unassignedByReason[u.reason] ?? 0) + 1;
  const bySource: Record<string, number> = {};
  for (const t of deduped.tasks) bySource[t.source] = (bySource[t.source] ?? 0) + 1;
  const stats = {
    candidates: tasks.length,
    duplicates_dropped: deduped.dropped.length,
    tasks: deduped.tasks.length,
    by_source: bySource,
    reps: reps.length,
    pairs: inst.arcs.length,
    assigned: solution.assignments.length,
    unassigned: solution.unassigned.length,
    unassigned_by_reason: unassignedByReason,
    violations: 0,
    options: {
      mipMaxArcs: policy.mipMaxArcs,
      mipTimeLimitSeconds: policy.mipTimeLimitSeconds,
      mipRelGap: policy.mipRelGap,
    },
  };
  await runTool(
    TOOLS.planner_save_plan,
    {
      plan_id: planId,
      method: solution.method,
      solver_status: solution.status,
      objective: solution.objective,
      bound: solution.bound,
      bound_source: solution.boundSource,
      gap: solution.gap,
      solve_ms: Math.round(solution.solveMs),
      fallback: solution.fallback,
      stats,
      assignments: solution.assignments.map((a) => ({
        task_id: a.taskId,
        user_id: a.repId,
        position: a.position,
        starts_at: new Date(a.startsAt).toISOString(),
        ends_at: new Date(a.endsAt).toISOString(),
        minutes: a.minutes,
        value: a.value,
        match: a.match,
      })),
      unplaced: [
        ...solution.unassigned.map((u) => ({ task_id: u.taskId, reason: u.reason })),
        ...deduped.dropped.map((d) => ({
          task_id: d.taskId,
          reason: `a duplicate of task ${d.keptId} (${d.why})`,
        })),
      ],
    },
    ctx,
  );
  const used = new Map<string, { minutes: number; tasks: number }>();
  for (const a of solution.assignments) {
    const u = used.get(a.repId) ?? { minutes: 0, tasks: 0 };
    used.set(a.repId, { minutes: u.minutes + a.minutes, tasks: u.tasks + 1 });
  }
  return {
    planId,
    planDate: plan.plan_date,
    method: solution.method,
    status: solution.status,
    objective: solution.objective,
    bound: solution.bound,
    boundSource: solution.boundSource,
    gap: solution.gap,
    solveMs: Math.round(solution.solveMs),
    fallback: solution.fallback,
    stats,
    reps: reps.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      capacityMinutes: r.capacityMinutes,
      usedMinutes: used.get(r.id)?.minutes ?? 0,
      tasks: used.get(r.id)?.tasks ?? 0,
    })),
  };
}
