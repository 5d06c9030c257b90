import type { AccountSignals } from "../scoring/data/account-signals.ts";

/** Evidence ids (tools/evidence.ts formats) for the rows behind an account's signals. */
export const usageIds = (s: AccountSignals, months = 6): string[] =>
  s.usage.slice(0, months).map((u) => `usage:${s.account_id}:${u.period_start}`);
export const ticketIds = (ids: readonly string[], max = 10): string[] =>
  ids.slice(0, max).map((id) => `ticket:${id}`);
export const dealIds = (ids: readonly string[], max = 10): string[] =>
  ids.slice(0, max).map((id) => `deal:${id}`);
export const activityIds = (...ids: (string | null)[]): string[] =>
  ids.filter((id): id is string => id !== null).map((id) => `activity:${id}`);
export const accountId = (id: string): string => `account:${id}`;
