import { parsePlanDate, parsePlannerPolicy } from "../../agents/planner/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import { PlanRunError, UnknownSourceError } from "./errors.ts";
import { PROPOSAL_SOURCES } from "./sources/index.ts";

/**
 * The planner graph's input for a run target: the whole book (`all`), with optional
 * `filter.date` (YYYY-MM-DD; default the clock's UTC date), `filter.options` (planner options,
 * validated here so a bad one fails at once naming the field) and `filter.sources` (default all).
 */
export function plannerInput(target: RunTarget) {
  if (target.kind !== "all")
    throw new PlanRunError(
      "PLAN_TARGET_INVALID",
      `the planner plans a whole book (target all), not ${target.kind}`,
    );
  const filter = target.filter ?? {};
  const date = filter.date === undefined ? null : parsePlanDate(String(filter.date));
  const policy = parsePlannerPolicy(filter.options ?? {});
  const known = Object.keys(PROPOSAL_SOURCES);
  const sources = filter.sources === undefined ? known : (filter.sources as unknown[]).map(String);
  for (const s of sources) if (!known.includes(s)) throw new UnknownSourceError(s, known);
  return { planDate: date, policy, sources };
}
