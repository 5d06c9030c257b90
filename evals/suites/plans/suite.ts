import { z } from "zod";
import { AGENTS } from "../../../graphs/agents.ts";
import { runAgent } from "../../../graphs/runtime/index.ts";
import { barChart } from "../../charts/bars.ts";
import { EvalError } from "../../core/errors.ts";
import { measured, notRun } from "../../core/metric.ts";
import type { Metric, Suite, SuiteContext } from "../../core/types.ts";
import { f3, mdTable, pct } from "../../report/format.ts";
import { evalDeps, failures, runAgentsOnBook, seedEvalBook } from "../agents/bench.ts";
import { textModes } from "../agents/modes.ts";
import { DEMO } from "../drafts/suite.ts";
import { checkPlan } from "./measure.ts";

const METRICS: [key: string, better: Metric["better"], label: string][] = [
  ["gap", "lower", "relative gap between the plan's objective and the solver's bound"],
  ["capacity_violations", "lower", "reps past their daily capacity, plus overlapping assignments"],
  ["hot_lead_coverage", "higher", "share of hot leads with a task in the plan"],
  ["at_risk_coverage", "higher", "share of at-risk accounts with a task in the plan"],
  ["assigned_tasks", "higher", "tasks assigned (context)"],
];

// The part of the planner's summary this suite reads; checked, so a changed shape fails by name.
const summarySchema = z.object({
  planId: z.string(),
  planDate: z.string(),
  method: z.string(),
  status: z.string(),
  objective: z.number(),
  bound: z.number(),
  gap: z.number(),
});

/**
 * The nightly plan on the demo book: sales and cs score it (hot leads, at-risk accounts), then
 * the planner (when graphs/agents.ts registers `planner`) proposes and assigns the day's tasks.
 * Capacity and coverage are checked from the stored plan, not from the planner's own summary.
 */
export const PLANS_SUITE: Suite = {
  name: "plans",
  title: "Plans: the nightly planner on the demo book",
  fast: true,
  steps: 3,
  async run(ctx) {
    const m = (key: string) => `plans.${key}`;
    if (!AGENTS.planner) {
      for (let i = 0; i < 3; i++) ctx.progress.step("plans: no planner");
      const reason = "no planner agent registered in graphs/agents.ts";
      return { metrics: METRICS.map(([k, b, l]) => notRun(m(k), b, l, reason)), sections: [], charts: [] };
    }
    return plan(ctx, m);
  },
};

async function plan(ctx: SuiteContext, m: (key: string) => string) {
  const book = await seedEvalBook(ctx, "eval-plans", DEMO);
  ctx.progress.step("plans: book seeded");
  const deps = await evalDeps(ctx, textModes(ctx, "plans")[0].models, book);
  const scored = await runAgentsOnBook(deps, book, ["sales", "cs"]);
  ctx.progress.step("plans: book scored");
  const leg = await runAgent(deps, AGENTS.planner!, {
    tenantId: book.tenantId,
    target: { kind: "all", filter: { date: DEMO.asOf.slice(0, 10) } },
    trigger: "eval",
  });
  ctx.progress.step(`plans: planner ${leg.run.status}`);
  const failed = [
    ...failures(scored),
    ...(leg.run.status === "failed" ? [`planner: ${JSON.stringify(leg.run.error)}`] : []),
  ];
  if (failed.length > 0) throw new EvalError("EVAL_RUN_FAILED", `plans suite: ${failed.join("; ")}`);
  const parsed = summarySchema.safeParse(leg.values.summary);
  if (!parsed.success)
    throw new EvalError(
      "EVAL_PLAN_SHAPE",
      `plans suite: the planner's summary changed shape: ${parsed.error.issues[0]!.path.join(".")}`,
    );
  const s = parsed.data;
  const check = await checkPlan(ctx.store.sql, book.tenantId, s.planId);
  const share = (c: { total: number; covered: number }) => (c.total ? c.covered / c.total : Number.NaN);
  const assigned = check.load.reduce((n, l) => n + l.tasks, 0);
  const values: Record<string, number> = {
    gap: s.gap,
    capacity_violations: check.overCapacity.length + check.overlaps,
    hot_lead_coverage: share(check.hotLeads),
    at_risk_coverage: share(check.atRiskAccounts),
    assigned_tasks: assigned,
  };
  const metrics = METRICS.map(([k, b, l]) => measured(m(k), values[k]!, b, l));
  const section = {
    title: `Plan for ${s.planDate}`,
    markdown: [
      `${s.method} (${s.status}): objective ${f3(s.objective)}, bound ${f3(s.bound)}, gap ${pct(s.gap)}; ` +
        `${assigned} tasks assigned to ${check.load.length} people. Hot leads covered ${check.hotLeads.covered}/${check.hotLeads.total}, ` +
        `at-risk accounts ${check.atRiskAccounts.covered}/${check.atRiskAccounts.total}; over capacity: ` +
        `${check.overCapacity.join(", ") || "nobody"}; overlapping assignments: ${check.overlaps}.`,
      "",
      mdTable(
        ["person", "tasks", "minutes", "capacity"],
        check.load.map((l) => [l.name, String(l.tasks), String(l.minutes), String(l.capacityMinutes)]),
      ),
    ].join("\n"),
  };
  const chart = {
    file: "plans-load.svg",
    title: "Plan load per rep",
    svg: barChart(
      `Plan ${s.planDate}: minutes per person (tick: capacity)`,
      "min",
      check.load.map((l) => ({ label: l.name, value: l.minutes, limit: l.capacityMinutes })),
    ),
  };
  return { metrics, sections: [section], charts: [chart], details: { summary: s, check } };
}
