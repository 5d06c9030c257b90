import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";
import type { ChurnScore } from "./churn.ts";
import type { HealthScore } from "./health.ts";

/** What the agent concluded about one account: its health, churn and whether it is at risk. */
export interface Assessment {
  accountId: string;
  health: HealthScore;
  churn: ChurnScore;
  /** Health tier at_risk, or churn probability at or above the policy's at-risk line. */
  atRisk: boolean;
}

/** ARR of an account (MRR × 12 when ARR is not recorded; 0 when neither is). */
export const arrOf = (a: CsAccountSnapshot["account"]): number => a.arr ?? (a.mrr ?? 0) * 12;

/** One line about an account's state for a task reason or an approval request. */
export function stateLine(a: Assessment): string {
  const t = a.health.trend;
  const trend = t ? `, ${t.direction} ${Math.abs(t.delta)} since ${t.previousAt.slice(0, 10)}` : "";
  return (
    `Health ${Math.round(a.health.value)} (${a.health.tier}${trend}); churn ` +
    `${Math.round(100 * a.churn.probability)}% (${a.churn.modelVersion}).`
  );
}

/** The drivers pulling health down the most (most negative contribution first). */
export function weakest(a: Assessment, n: number) {
  return a.health.drivers
    .filter((d) => d.contribution < 0)
    .sort((x, y) => x.contribution - y.contribution)
    .slice(0, n);
}
