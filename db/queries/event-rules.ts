import type postgres from "postgres";
import { DbError } from "../errors.ts";
import { withTenant } from "../tenant.ts";
import { isUuid } from "./schedules.ts";

/** The events the engine routes to agents. */
export const EVENT_TYPES = [
  "lead.created",
  "ticket.created",
  "email.received",
  "deal.stage_changed",
  "usage.reported",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const RULE_TARGET_KINDS = ["account", "lead", "deal", "ticket", "contact"] as const;
export type RuleTargetKind = (typeof RULE_TARGET_KINDS)[number];

/**
 * A tenant's routing rule: an event of `event_type` starts a run of `agent` on the entity whose
 * id is in the event's `target_field`. Of one type's enabled rules, the first (by position)
 * whose field the event carries fires.
 */
export interface EventRule {
  id: string;
  tenant_id: string;
  event_type: EventType;
  agent: string;
  target_kind: RuleTargetKind;
  target_field: string;
  position: number;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface EventRuleInput {
  eventType: EventType;
  agent: string;
  targetKind: RuleTargetKind;
  /** The event data field holding the target's id (e.g. `lead_id`). */
  targetField: string;
  /** Lower first; default 0. */
  position?: number;
  /** Default true. */
  enabled?: boolean;
}

/** The rules every tenant starts with (a tenant may change or delete them). */
export const DEFAULT_EVENT_RULES: EventRuleInput[] = [
  { eventType: "lead.created", agent: "sales", targetKind: "lead", targetField: "lead_id" },
  { eventType: "ticket.created", agent: "support", targetKind: "ticket", targetField: "ticket_id" },
  // an email about a ticket goes to support; otherwise to customer success on the account
  {
    eventType: "email.received",
    agent: "support",
    targetKind: "ticket",
    targetField: "ticket_id",
    position: 0,
  },
  { eventType: "email.received", agent: "cs", targetKind: "account", targetField: "account_id", position: 1 },
  { eventType: "deal.stage_changed", agent: "sales", targetKind: "deal", targetField: "deal_id" },
  { eventType: "usage.reported", agent: "cs", targetKind: "account", targetField: "account_id" },
];

/** A rule that does not exist in this tenant, or a bad event type, target kind or field. */
export class EventRuleError extends DbError {}

function validate(input: Partial<EventRuleInput>): void {
  if (input.eventType !== undefined && !EVENT_TYPES.includes(input.eventType)) {
    throw new EventRuleError(
      "INVALID_EVENT_TYPE",
      `event type "${input.eventType}": one of ${EVENT_TYPES.join(", ")}`,
    );
  }
  if (input.targetKind !== undefined && !RULE_TARGET_KINDS.includes(input.targetKind)) {
    throw new EventRuleError(
      "INVALID_TARGET_KIND",
      `target kind "${input.targetKind}": one of ${RULE_TARGET_KINDS.join(", ")}`,
    );
  }
  if (input.targetField !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(input.targetField)) {
    throw new EventRuleError(
      "INVALID_TARGET_FIELD",
      `target field "${input.targetField}": a snake_case field name`,
    );
  }
  if (input.position !== undefined && !Number.isInteger(input.position)) {
    throw new EventRuleError("INVALID_POSITION", `position ${input.position}: an integer`);
  }
}

/** Creates a rule; EVENT_RULE_EXISTS for the same type, agent, kind and field. */
export async function createEventRule(
  sql: postgres.Sql,
  tenantId: string,
  input: EventRuleInput,
): Promise<EventRule> {
  validate(input);
  const [row] = await withTenant(
    sql,
    tenantId,
    (tx) => tx<EventRule[]>`
      INSERT INTO event_rules (tenant_id, event_type, agent, target_kind, target_field, position, enabled)
      VALUES (${tenantId}, ${input.eventType}, ${input.agent}, ${input.targetKind}, ${input.targetField},
              ${input.position ?? 0}, ${input.enabled ?? true})
      ON CONFLICT (tenant_id, event_type, agent, target_kind, target_field) DO NOTHING
      RETURNING *`,
  );
  if (!row) {
    throw new EventRuleError(
      "EVENT_RULE_EXISTS",
      `a rule ${input.eventType} → ${input.agent} on ${input.targetKind} (${input.targetField}) exists`,
    );
  }
  return row;
}

/** A tenant's rules, by event type and position; with `eventType`, only that type's enabled rules. */
export function listEventRules(
  sql: postgres.Sql,
  tenantId: string,
  eventType?: EventType,
): Promise<EventRule[]> {
  return withTenant(sql, tenantId, (tx) =>
    eventType
      ? tx<EventRule[]>`
          SELECT * FROM event_rules WHERE event_type = ${eventType} AND enabled ORDER BY position, created_at, id`
      : tx<EventRule[]>`SELECT * FROM event_rules ORDER BY event_type, position, created_at, id`,
  );
}

export async function updateEventRule(
  sql: postgres.Sql,
  tenantId: string,
  id: string,
  patch: Partial<EventRuleInput>,
): Promise<EventRule> {
  if (!isUuid(id)) throw notFound(id);
  validate(patch);
  const [row] = await withTenant(
    sql,
    tenantId,
    (tx) => tx<EventRule[]>`
      UPDATE event_rules SET
        event_type = coalesce(${patch.eventType ?? null}, event_type), agent = coalesce(${patch.agent ?? null}, agent),
        target_kind = coalesce(${patch.targetKind ?? null}, target_kind),
        target_field = coalesce(${patch.targetField ?? null}, target_field),
        position = coalesce(${patch.position ?? null}::integer, position),
        enabled = coalesce(${patch.enabled ?? null}::boolean, enabled), updated_at = now()
      WHERE id = ${id} RETURNING *`,
  );
  if (!row) throw notFound(id);
  return row;
}

export async function deleteEventRule(sql: postgres.Sql, tenantId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(id);
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx`DELETE FROM event_rules WHERE id = ${id} RETURNING id`,
  );
  if (rows.length === 0) throw notFound(id);
}

/** Gives a tenant the default rules once (idempotent; deleted defaults are not put back). */
export async function ensureDefaultEventRules(sql: postgres.Sql, tenantId: string): Promise<number> {
  return withTenant(sql, tenantId, async (tx) => {
    const [first] = await tx`
      INSERT INTO tenant_defaults (tenant_id, name) VALUES (${tenantId}, 'event_rules')
      ON CONFLICT DO NOTHING RETURNING name`;
    if (!first) return 0;
    for (const r of DEFAULT_EVENT_RULES) {
      await tx`
        INSERT INTO event_rules (tenant_id, event_type, agent, target_kind, target_field, position)
        VALUES (${tenantId}, ${r.eventType}, ${r.agent}, ${r.targetKind}, ${r.targetField}, ${r.position ?? 0})
        ON CONFLICT DO NOTHING`;
    }
    return DEFAULT_EVENT_RULES.length;
  });
}

function notFound(id: string): EventRuleError {
  return new EventRuleError("EVENT_RULE_NOT_FOUND", `event rule ${id} not found`);
}
