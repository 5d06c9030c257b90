import { MarketingTargetError, parseGoal, type Goal } from "../../agents/marketing/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { MarketingTarget } from "./state.ts";

/**
 * The graph input for a run target:
 * - `all`: the whole book with the tenant's default goals (or `filter.goal` / `filter.goals`);
 * - `segment`: `filter.goal` (a goal object, or text) or `filter.goals` (a list) — required;
 * - `account` (with an id): the default goals, restricted to that account's contacts.
 * A goal that does not validate fails the run at once, naming the field.
 */
export function marketingInput(target: RunTarget): { target: MarketingTarget; goals: Goal[] | null } {
  const goals = goalsOf(target.filter);
  if (target.kind === "all") return { target: { kind: "all" }, goals };
  if (target.kind === "segment") {
    if (!goals) throw new MarketingTargetError("a segment target needs filter.goal or filter.goals");
    return { target: { kind: "segment" }, goals };
  }
  if (target.kind === "account" && target.id) return { target: { kind: "account", id: target.id }, goals };
  throw new MarketingTargetError(
    `it runs on all, a segment (with a goal) or an account (with an id), not on ${target.id ? target.kind : `${target.kind} without an id`}`,
  );
}

function goalsOf(filter: Record<string, unknown> | undefined): Goal[] | null {
  if (!filter) return null;
  const raw = filter.goals ?? (filter.goal === undefined ? undefined : [filter.goal]);
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 5)
    throw new MarketingTargetError("filter.goals must be a list of 1 to 5 goals");
  return raw.map((g, i) => {
    const parsed = parseGoal(g);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new MarketingTargetError(`goal ${i + 1}: ${issue.path.join(".") || "(goal)"}: ${issue.message}`);
  });
}
