import type postgres from "postgres";
import type { EventRule, EventRuleInput } from "./event-rules.ts";
import { withTenant } from "../tenant.ts";

/**
 * Replaces all of a tenant's event rules with `rules`, in one transaction (PUT /v1/event-rules),
 * and records that the tenant has its rules, so the default rules are never put back. The caller
 * validates the rules first; positions default to the order given.
 */
export function replaceEventRules(
  sql: postgres.Sql,
  tenantId: string,
  rules: EventRuleInput[],
): Promise<EventRule[]> {
  return withTenant(sql, tenantId, async (tx) => {
    await tx`INSERT INTO tenant_defaults (tenant_id, name) VALUES (${tenantId}, 'event_rules') ON CONFLICT DO NOTHING`;
    await tx`DELETE FROM event_rules WHERE tenant_id = ${tenantId}`;
    for (const [i, r] of rules.entries()) {
      await tx`
        INSERT INTO event_rules (tenant_id, event_type, agent, target_kind, target_field, position, enabled)
        VALUES (${tenantId}, ${r.eventType}, ${r.agent}, ${r.targetKind}, ${r.targetField}, ${r.position ?? i},
                ${r.enabled ?? true})`;
    }
    return tx<EventRule[]>`
      SELECT * FROM event_rules WHERE tenant_id = ${tenantId} ORDER BY event_type, position, created_at, id`;
  });
}
