import { DAY_MS, type SalesPolicy } from "../../agents/sales/index.ts";
import type { SalesTarget } from "./state.ts";

/** The sales_open_leads filter for a target, or null when the target has no leads to score. */
export function leadFilter(target: SalesTarget): { lead_ids?: string[]; account_id?: string } | null {
  if (target.kind === "lead") return { lead_ids: [target.id!] };
  if (target.kind === "account") return { account_id: target.id! };
  return target.kind === "all" ? {} : null;
}

/** The sales_open_deals filter for a target, or null when the target has no deals to review. */
export function dealFilter(target: SalesTarget): { deal_ids?: string[]; account_id?: string } | null {
  if (target.kind === "deal") return { deal_ids: [target.id!] };
  if (target.kind === "account") return { account_id: target.id! };
  return target.kind === "all" ? {} : null;
}

/** An instant `days` before `asOf`, as ISO text. */
export const daysBefore = (asOf: string, days: number): string =>
  new Date(new Date(asOf).getTime() - days * DAY_MS).toISOString();

/** The window of earlier drafts that block a new one (the cooldown). */
export const draftsSince = (asOf: string, policy: SalesPolicy): string =>
  daysBefore(asOf, policy.draft_cooldown_days);

/** Adds one to a named counter. */
export const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The fields a node needs that `prepare` set; throws if the graph was wired without it. */
export function prepared<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined)
    throw new Error(`sales graph: ${field} is not set; prepare must run first`);
  return value;
}
