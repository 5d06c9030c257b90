import type { DealFacts } from "./facts.ts";
import { round } from "./tiers.ts";

/** One cell of the pipeline forecast: a rep's open deals closing in one month or quarter. */
export interface ForecastRow {
  owner_id: string | null;
  owner_name: string | null;
  granularity: "month" | "quarter";
  /** `2026-12`, `2026-Q4`, or `unscheduled` for deals without an expected close date. */
  period: string;
  currency: string;
  deals: number;
  /** Σ amount. */
  pipeline: number;
  /** Σ amount × win probability: the expected bookings. */
  weighted: number;
}

/** The month and quarter a deal is forecast in; a close date already passed counts in the current one. */
export function forecastPeriods(
  expectedClose: string | null,
  asOf: Date,
): { month: string; quarter: string } {
  if (expectedClose === null) return { month: "unscheduled", quarter: "unscheduled" };
  const today = asOf.toISOString().slice(0, 10);
  const date = expectedClose < today ? today : expectedClose;
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return { month: date.slice(0, 7), quarter: `${year}-Q${Math.ceil(month / 3)}` };
}

/** The two forecast rows (month and quarter) of one deal at its win probability. */
export function forecastEntries(deal: DealFacts, probability: number, asOf: Date): ForecastRow[] {
  const { month, quarter } = forecastPeriods(deal.expected_close, asOf);
  const amount = deal.amount ?? 0;
  const base = { owner_id: deal.owner_id, owner_name: deal.owner_name, currency: deal.currency, deals: 1 };
  const money = { pipeline: amount, weighted: amount * probability };
  return [
    { ...base, granularity: "month", period: month, ...money },
    { ...base, granularity: "quarter", period: quarter, ...money },
  ];
}

/**
 * Sums rows per (owner, granularity, period, currency), sorted by owner name, granularity and
 * period. Associative: pages of deals can be merged as they are read.
 */
export function mergeForecast(rows: readonly ForecastRow[]): ForecastRow[] {
  const cells = new Map<string, ForecastRow>();
  for (const r of rows) {
    const key = JSON.stringify([r.owner_id, r.granularity, r.period, r.currency]);
    const cell = cells.get(key);
    if (cell) {
      cell.deals += r.deals;
      cell.pipeline = round(cell.pipeline + r.pipeline);
      cell.weighted = round(cell.weighted + r.weighted);
    } else cells.set(key, { ...r, pipeline: round(r.pipeline), weighted: round(r.weighted) });
  }
  const name = (r: ForecastRow) => r.owner_name ?? "~unassigned";
  return [...cells.values()].sort(
    (a, b) =>
      name(a).localeCompare(name(b)) ||
      a.granularity.localeCompare(b.granularity) ||
      a.period.localeCompare(b.period) ||
      a.currency.localeCompare(b.currency),
  );
}

/** The forecast as text lines for a terminal (one line per rep and period). */
export function formatForecast(
  rows: readonly ForecastRow[],
  granularity: "month" | "quarter" = "quarter",
): string[] {
  const money = (x: number) => Math.round(x).toLocaleString("en-US");
  return rows
    .filter((r) => r.granularity === granularity)
    .map(
      (r) =>
        `${(r.owner_name ?? "(unassigned)").padEnd(24)} ${r.period.padEnd(11)} ${String(r.deals).padStart(3)} deals` +
        `  pipeline ${money(r.pipeline).padStart(11)} ${r.currency}  weighted ${money(r.weighted).padStart(11)}`,
    );
}
