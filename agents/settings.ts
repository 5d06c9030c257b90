import { parseCsPolicy } from "./cs/policy.ts";
import { resolveMarketingPolicy } from "./marketing/policy.ts";
import { resolveSalesPolicy } from "./sales/policy.ts";
import { parseSupportPolicy } from "./support/policy.ts";

/**
 * Checks a tenant's settings against every agent's policy schema (`settings.sales`,
 * `settings.cs`, `settings.marketing`, `settings.support`); throws the agent's settings error naming the bad field.
 * Runs check them again at their start, so a setting written another way is caught there.
 */
export function validateTenantSettings(settings: Record<string, unknown>): void {
  resolveSalesPolicy(settings.sales);
  parseCsPolicy(settings.cs);
  resolveMarketingPolicy(settings.marketing);
  parseSupportPolicy(settings.support);
}
