import { describe, expect, it } from "vitest";
import { AS_OF, deal } from "../../tests/support/sales-facts.ts";
import { forecastEntries, forecastPeriods, formatForecast, mergeForecast } from "./forecast.ts";

describe("pipeline forecast", () => {
  it("puts a deal in the month and quarter of its expected close; a passed date in the current one", () => {
    expect(forecastPeriods("2027-02-10", AS_OF)).toEqual({ month: "2027-02", quarter: "2027-Q1" });
    expect(forecastPeriods("2026-10-01", AS_OF)).toEqual({ month: "2026-11", quarter: "2026-Q4" });
    expect(forecastPeriods(null, AS_OF)).toEqual({ month: "unscheduled", quarter: "unscheduled" });
  });

  it("sums amount and amount × P(win) per rep and period", () => {
    const rows = mergeForecast([
      ...forecastEntries(deal({ amount: 100_000, expected_close: "2026-12-01" }), 0.5, AS_OF),
      ...forecastEntries(deal({ amount: 40_000, expected_close: "2026-11-15" }), 0.25, AS_OF),
      ...forecastEntries(deal({ amount: 10_000, owner_id: "owner-sam", owner_name: "Sam Seller" }), 1, AS_OF),
      ...forecastEntries(deal({ amount: null, expected_close: null }), 0.9, AS_OF),
    ]);
    const q4 = rows.filter((r) => r.granularity === "quarter" && r.period === "2026-Q4");
    expect(q4.map((r) => [r.owner_name, r.deals, r.pipeline, r.weighted])).toEqual([
      ["Rita Rep", 2, 140_000, 60_000],
      ["Sam Seller", 1, 10_000, 10_000],
    ]);
    const months = rows
      .filter((r) => r.owner_name === "Rita Rep" && r.granularity === "month")
      .map((r) => [r.period, r.weighted]);
    expect(months).toEqual([
      ["2026-11", 10_000],
      ["2026-12", 50_000],
      ["unscheduled", 0],
    ]);
    expect(mergeForecast([...rows, ...rows]).find((r) => r.period === "2026-Q4")!.deals).toBe(4);
  });

  it("prints one line per rep and period", () => {
    const rows = mergeForecast(forecastEntries(deal({ amount: 100_000 }), 0.5, AS_OF));
    expect(formatForecast(rows)).toEqual([
      "Rita Rep                 2026-Q4       1 deals  pipeline     100,000 USD  weighted      50,000",
    ]);
  });
});
