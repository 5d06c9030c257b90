import { describe, expect, it } from "vitest";
import { MarketingSettingsError } from "./errors.ts";
import { resolveMarketingPolicy } from "./policy.ts";

describe("marketing policy", () => {
  it("fills defaults and takes a tenant's overrides", () => {
    const p = resolveMarketingPolicy(null);
    expect(p.frequency_cap).toEqual({ max_drafts: 2, window_days: 7 });
    expect(p.clusters).toEqual({ k_min: 2, k_max: 6, seed: 42, sample: 2000 });
    expect(resolveMarketingPolicy({ frequency_cap: { max_drafts: 1 } }).frequency_cap).toEqual({
      max_drafts: 1,
      window_days: 7,
    });
  });

  it("refuses a bad or unknown setting, naming its path", () => {
    expect(() => resolveMarketingPolicy({ frequency_cap: { max_drafts: -1 } })).toThrow(
      /settings\.marketing\.frequency_cap\.max_drafts/,
    );
    expect(() => resolveMarketingPolicy({ frequency_cap: { max: 1 } })).toThrow(MarketingSettingsError);
    expect(() => resolveMarketingPolicy({ clusters: { k_min: 5, k_max: 3 } })).toThrow(
      /k_min must not exceed k_max/,
    );
  });
});
