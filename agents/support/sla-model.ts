import { createHash } from "node:crypto";
import { ridgeLeastSquares } from "./stats.ts";

/** A recorded ticket as the SLA model learns from it. */
export interface SlaHistoryRow {
  priority: string | null;
  queue: string | null;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  sla_first_response_minutes: number | null;
  sla_resolution_minutes: number | null;
}

export const SLA_TARGETS = ["first_response", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Feature names, in coefficient order (medium priority is the baseline). */
export const SLA_FEATURES = [
  "intercept",
  "priority_low",
  "priority_high",
  "priority_critical",
  "log_queue_load",
  "off_hours",
] as const;

/** log(time taken ÷ SLA target) ~ Normal(x·β, σ²): a log-normal accelerated-failure-time model. */
export interface SlaModel {
  target: SlaTarget;
  coefficients: number[];
  sigma: number;
  /** Tickets it was fitted on (0 for the explicit prior). */
  rows: number;
  /** `fitted` on the tenant's tickets, or the `prior` below when the history is too short. */
  kind: "fitted" | "prior";
  version: string;
}

/** What the prediction conditions on. */
export interface SlaFeatures {
  priority: string | null;
  /** Open tickets in the ticket's queue. */
  queueLoad: number;
  /** Outside 08–18 UTC, or a weekend. */
  offHours: boolean;
}

export const featureRow = (f: SlaFeatures): number[] => [
  1,
  f.priority === "low" ? 1 : 0,
  f.priority === "high" ? 1 : 0,
  f.priority === "critical" ? 1 : 0,
  Math.log1p(f.queueLoad),
  f.offHours ? 1 : 0,
];

export const isOffHours = (at: Date) => {
  const h = at.getUTCHours();
  const d = at.getUTCDay();
  return d === 0 || d === 6 || h < 8 || h >= 18;
};

/**
 * The explicit prior used when a tenant has too few recorded tickets: a ticket takes half its
 * target on median (log 0.5), σ 0.8 (≈ 19 % breach at creation), +0.25 per log-unit of queue load
 * and +0.3 off hours. Chosen, not fitted; stated in the README.
 */
const PRIOR = { coefficients: [Math.log(0.5), 0, 0, 0, 0.25, 0.3], sigma: 0.8 };

/**
 * Fits the SLA model of one target on recorded tickets that reached it (responded, or resolved):
 * y = log(minutes taken ÷ target minutes), x = priority, queue load at creation (tickets of the
 * queue created before and not yet resolved then) and off hours at creation; ridge-regularised
 * least squares, σ = residual standard deviation. Tickets still waiting are left out (censored):
 * this understates long waits, and the README says so.
 */
export function fitSlaModel(history: readonly SlaHistoryRow[], target: SlaTarget, minRows: number): SlaModel {
  const rows = history.flatMap((r) => {
    const done = target === "first_response" ? r.first_response_at : r.resolved_at;
    const goal = target === "first_response" ? r.sla_first_response_minutes : r.sla_resolution_minutes;
    if (!done || !goal) return [];
    const minutes = (Date.parse(done) - Date.parse(r.created_at)) / 60_000;
    return [{ row: r, y: Math.log(Math.max(minutes, 1) / goal) }];
  });
  if (rows.length < minRows) return withVersion({ target, ...PRIOR, rows: 0, kind: "prior" });
  const loads = loadsAtCreation(history);
  const X = rows.map(({ row }) =>
    featureRow({
      priority: row.priority,
      queueLoad: loads.get(row) ?? 0,
      offHours: isOffHours(new Date(row.created_at)),
    }),
  );
  const y = rows.map((r) => r.y);
  const beta = ridgeLeastSquares(X, y, 1e-3 * rows.length);
  const residual = X.reduce((s, x, i) => s + (y[i]! - dot(x, beta)) ** 2, 0);
  const sigma = Math.max(0.1, Math.sqrt(residual / Math.max(1, rows.length - beta.length)));
  return withVersion({
    target,
    coefficients: beta.map(round),
    sigma: round(sigma),
    rows: rows.length,
    kind: "fitted",
  });
}

/** Open tickets of the same queue at each ticket's creation (sweep per queue, O(n²) in a queue). */
function loadsAtCreation(history: readonly SlaHistoryRow[]): Map<SlaHistoryRow, number> {
  const byQueue = new Map<string, SlaHistoryRow[]>();
  for (const r of history) {
    const list = byQueue.get(r.queue ?? "");
    if (list) list.push(r);
    else byQueue.set(r.queue ?? "", [r]);
  }
  const out = new Map<SlaHistoryRow, number>();
  for (const rows of byQueue.values()) {
    const times = rows.map((r) => ({
      r,
      c: Date.parse(r.created_at),
      e: r.resolved_at ? Date.parse(r.resolved_at) : Infinity,
    }));
    for (const a of times) out.set(a.r, times.filter((b) => b.c < a.c && b.e > a.c).length);
  }
  return out;
}

export const dot = (x: readonly number[], b: readonly number[]) => x.reduce((s, v, i) => s + v * b[i]!, 0);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function withVersion(m: Omit<SlaModel, "version">): SlaModel {
  const hash = createHash("sha256")
    .update(JSON.stringify([m.target, m.coefficients, m.sigma, m.kind]))
    .digest("hex");
  return { ...m, version: `sla-${m.kind}-${hash.slice(0, 10)}` };
}
