import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, resolveSalesPolicy } from "./policy.ts";
import { SalesSettingsError } from "./errors.ts";

describe("sales policy", () => {
  it("defaults to the issue's points table and tiers", () => {
    expect(DEFAULT_POLICY.lead_points).toEqual({
      pricing_page_view: 30,
      recent_activity: 20,
      recent_activity_hours: 24,
      demo_request: 15,
      company_size: 10,
      company_size_min_employees: 50,
      engagement: 5,
      engagement_cap: 25,
      lookback_days: 30,
    });
    expect(DEFAULT_POLICY.tiers).toEqual({ hot: 70, warm: 40 });
    expect(resolveSalesPolicy(null)).toEqual(DEFAULT_POLICY);
  });

  it("overlays a tenant's partial settings on the defaults", () => {
    const policy = resolveSalesPolicy({ lead_points: { demo_request: 40 }, max_drafts_per_run: 3 });
    expect(policy.lead_points).toEqual({ ...DEFAULT_POLICY.lead_points, demo_request: 40 });
    expect(policy.max_drafts_per_run).toBe(3);
    expect(policy.win_adjustments).toEqual(DEFAULT_POLICY.win_adjustments);
  });

  it.each([
    [{ lead_points: { pricing_page_view: "lots" } }, "lead_points.pricing_page_view"],
    [{ lead_points: { engagement_cap: -5 } }, "lead_points.engagement_cap"],
    [{ lead_points: { pricing_veiw: 5 } }, "lead_points.pricing_veiw"],
    [{ tiers: { hot: "high" } }, "tiers.hot"],
    [{ lead_engine: "magic" }, "lead_engine"],
    [{ colour: "blue" }, "colour"],
    ["everything", "(root)"],
  ])("refuses %j, naming %s", (settings, field) => {
    const error = (() => {
      try {
        resolveSalesPolicy(settings);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(SalesSettingsError);
    expect((error as SalesSettingsError).field).toBe(field);
    expect((error as SalesSettingsError).code).toBe("SALES_SETTINGS_INVALID");
    expect((error as Error).message).toContain(`settings.sales.${field} is invalid`);
  });
});
