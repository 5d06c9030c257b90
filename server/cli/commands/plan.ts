import type { Command } from "commander";
import { parsePlanDate, utcDate } from "../../../agents/planner/index.ts";
import { getTenant, withTenant } from "../../../db/index.ts";
import { planDays, type PlanDayRow } from "../../../db/queries/plans.ts";
import { runNightlyPlan, type PlanSummary } from "../../../graphs/planner/index.ts";
import { buildDeps } from "../../deps.ts";
import { withStore } from "../context.ts";
import { parseNonNegativeInt, parsePositiveInt, parseSlug } from "../options.ts";

interface PlanOptions {
  tenant: string;
  date?: string;
  greedyAbove?: number;
  timeLimit?: number;
}

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("Run the nightly workload plan once and print every person's plan for the day")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--date <YYYY-MM-DD>", "the day to plan (default: today, UTC)", parsePlanDate)
    .option(
      "--greedy-above <pairs>",
      "plan with the greedy above this many task-person pairs (default 20000)",
      parseNonNegativeInt,
    )
    .option("--time-limit <seconds>", "HiGHS time limit (default 10)", parsePositiveInt)
    .action((opts: PlanOptions) =>
      withStore(async ({ config, store, log, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const deps = await buildDeps(config, store, log);
        const summary = await runNightlyPlan(deps, {
          tenantId: tenant.id,
          date: opts.date ?? utcDate(deps.now()),
          trigger: "cli",
          options: {
            ...(opts.greedyAbove === undefined ? {} : { mipMaxArcs: opts.greedyAbove }),
            ...(opts.timeLimit === undefined ? {} : { mipTimeLimitSeconds: opts.timeLimit }),
          },
        });
        const rows = await withTenant(store.sql, tenant.id, (tx) => planDays(tx, tenant.id, summary.planId));
        for (const line of formatPlan(summary, rows)) out.log(line);
      }),
    );
}

const hm = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    d,
  );
const hours = (minutes: number) => (minutes / 60).toFixed(2);

/** The plan as a person reads it: its numbers, then each person's day in order. */
export function formatPlan(s: PlanSummary, rows: PlanDayRow[]): string[] {
  const stats = s.stats as { candidates: number; tasks: number; assigned: number; unassigned: number };
  const out = [
    `plan ${s.planDate}  ${s.planId}`,
    `method ${s.method}  status ${s.status}  solve ${s.solveMs} ms${s.fallback ? `  (greedy because ${s.fallback})` : ""}`,
    `objective ${s.objective.toFixed(2)}  bound ${s.bound.toFixed(2)} (${s.boundSource})  gap ${(100 * s.gap).toFixed(3).replace(/^-0\.000$/, "0.000")}%`,
    `tasks ${stats.tasks} (${stats.candidates} proposed)  assigned ${stats.assigned}  unassigned ${stats.unassigned}`,
  ];
  const byRep = new Map<string, PlanDayRow[]>();
  for (const r of rows) byRep.set(r.user_id, [...(byRep.get(r.user_id) ?? []), r]);
  for (const rep of [...s.reps].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    const mine = byRep.get(rep.id) ?? [];
    out.push(
      "",
      `${rep.name} (${rep.role})  ${hours(rep.usedMinutes)}/${hours(rep.capacityMinutes)} h  ${mine.length} tasks`,
    );
    for (const r of mine) {
      const due = r.due_at ? `  due ${new Date(r.due_at).toISOString().slice(0, 16).replace("T", " ")}Z` : "";
      out.push(
        `  ${hm(r.starts_at, r.time_zone)}-${hm(r.ends_at, r.time_zone)} ${r.time_zone}  ${r.source_agent}:${r.type}  ${r.title}` +
          `  [EV ${r.priority_value.toFixed(2)}, ${r.match}]${due}`,
      );
    }
  }
  return out;
}
