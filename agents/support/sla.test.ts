import { describe, expect, it } from "vitest";
import { parseSupportPolicy } from "./policy.ts";
import { fitSlaModel, type SlaHistoryRow } from "./sla-model.ts";
import { slaRisks, slaTasks } from "./sla.ts";
import { normalSurvival } from "./stats.ts";

const policy = parseSupportPolicy({});
const NOW = new Date("2026-11-16T14:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

/** Recorded tickets whose first response took `ratio` of a 60-minute target (high: twice as long). */
function history(n: number): SlaHistoryRow[] {
  return Array.from({ length: n }, (_, i) => {
    const priority = i % 2 ? "high" : "medium";
    const ratio = (priority === "high" ? 0.8 : 0.4) * Math.exp(((i % 3) - 1) * 0.2);
    // weekdays at 11:00 UTC (Monday 5 October 2026 onwards), each resolved before the next opens
    const created = new Date(Date.UTC(2026, 9, 5 + 7 * Math.floor(i / 5) + (i % 5), 11));
    return {
      priority,
      queue: "technical",
      created_at: created.toISOString(),
      first_response_at: new Date(created.getTime() + ratio * 60 * 60_000).toISOString(),
      resolved_at: new Date(created.getTime() + 120 * 60_000).toISOString(),
      sla_first_response_minutes: 60,
      sla_resolution_minutes: 1000,
    };
  });
}

describe("SLA breach model", () => {
  it("normal survival matches known values", () => {
    expect(normalSurvival(0)).toBeCloseTo(0.5, 7);
    expect(normalSurvival(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalSurvival(-1)).toBeCloseTo(0.841345, 6);
  });

  it("fits log(time ÷ target) by priority on recorded tickets; too few rows give the explicit prior", () => {
    const m = fitSlaModel(history(60), "first_response", 30);
    expect(m.kind).toBe("fitted");
    expect(m.rows).toBe(60);
    expect(m.coefficients[0]).toBeCloseTo(Math.log(0.4), 2); // medium: 0.4 of the target on median
    expect(m.coefficients[2]).toBeCloseTo(Math.log(2), 2);
    expect(m.sigma).toBeCloseTo(Math.sqrt(1.6 / 54), 3); // residual sd over n − 6 degrees of freedom // high: twice as slow
    expect(fitSlaModel(history(10), "first_response", 30)).toMatchObject({
      kind: "prior",
      rows: 0,
      sigma: 0.8,
    });
  });

  it("risk rises as time passes, is 1 once missed, and at-risk tasks fall due before the breach", () => {
    const models = {
      first_response: fitSlaModel(history(60), "first_response", 30),
      resolution: fitSlaModel(history(60), "resolution", 30),
    };
    const ticket = (m: number) => ({
      id: "11111111-1111-4111-8111-111111111111",
      subject: "Export fails",
      created_at: minutesAgo(m),
      first_response_at: null,
      resolved_at: null,
      sla_first_response_minutes: 60,
      sla_resolution_minutes: null,
    });
    const risk = (m: number) =>
      slaRisks(
        ticket(m),
        models,
        { priority: "high", queueLoad: 3, available: 2, waitingOnCustomer: false },
        NOW,
        policy,
      )[0]!;
    expect(risk(5).probability).toBeLessThan(risk(40).probability);
    expect(risk(40).probability).toBeLessThan(risk(58).probability);
    expect(risk(61)).toMatchObject({ probability: 1, status: "breached" });
    const busy = slaRisks(
      ticket(40),
      models,
      { priority: "high", queueLoad: 3, available: 0, waitingOnCustomer: false },
      NOW,
      policy,
    )[0]!;
    expect(busy.probability).toBeGreaterThan(risk(40).probability); // nobody available: explicit slowdown
    const waiting = { ...ticket(40), first_response_at: minutesAgo(30), sla_resolution_minutes: 60 };
    const f = { priority: "high", queueLoad: 3, available: 2 };
    expect(slaRisks(waiting, models, { ...f, waitingOnCustomer: true }, NOW, policy)).toEqual([]);
    expect(slaRisks(waiting, models, { ...f, waitingOnCustomer: false }, NOW, policy)).toHaveLength(1);
    const at = risk(58);
    expect(at.status).toBe("at_risk");
    const [t] = slaTasks({ ...ticket(58), priority: "high" }, [at], null, NOW, policy);
    expect(t!.type).toBe("sla_risk");
    expect(Date.parse(t!.due_at)).toBeLessThan(Date.parse(at.breachAt));
    expect(Date.parse(t!.due_at)).toBeGreaterThanOrEqual(NOW.getTime());
  });
});
