import { EVENT_TYPES, listEventRules, type EventRule, type EventType } from "../../db/queries/event-rules.ts";
import { isUuid } from "../../db/queries/schedules.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { enqueueRun, type AgentDefinition, type Deps, type EnqueuedRun } from "../../graphs/runtime/index.ts";
import { QueueError } from "./errors.ts";
import type { JobQueue } from "./types.ts";

/** An incoming CRM event (POST /v1/events). */
export interface CrmEvent {
  type: EventType;
  /** The sender's event id: the same event sent twice starts its runs once. */
  id?: string;
  /** The entity ids and facts of the event, e.g. `{lead_id}` or `{ticket_id, account_id}`. */
  data: Record<string, unknown>;
}

export interface RoutedEvent {
  /** The rule that fired, or null when no enabled rule's target field was in the event. */
  rule: EventRule | null;
  runs: EnqueuedRun[];
}

/** An event the engine cannot route: an unknown type. */
export class EventRouteError extends QueueError {}

/**
 * Routes an event by the tenant's rules (db/queries/event-rules.ts): of the type's enabled
 * rules, in order, the first whose target field holds an id starts a run of its agent on that
 * entity, queued behind any active run on it (policy `enqueue`). With an event id, a repeated
 * event returns the runs it started the first time.
 */
export async function routeEvent(
  deps: Deps,
  queue: JobQueue,
  tenantId: string,
  event: CrmEvent,
  agents: (name: string) => AgentDefinition = agentNamed,
): Promise<RoutedEvent> {
  if (!EVENT_TYPES.includes(event.type)) {
    throw new EventRouteError(
      "INVALID_EVENT_TYPE",
      `event type "${event.type}": one of ${EVENT_TYPES.join(", ")}`,
    );
  }
  const rules = await listEventRules(deps.sql, tenantId, event.type);
  for (const rule of rules) {
    const id = event.data[rule.target_field];
    if (id === undefined || id === null) continue;
    if (typeof id !== "string" || !isUuid(id)) {
      throw new EventRouteError(
        "INVALID_EVENT_DATA",
        `data.${rule.target_field} must be a uuid, got ${JSON.stringify(id)}`,
      );
    }
    const run = await enqueueRun(deps, queue, agents(rule.agent), {
      tenantId,
      target: { kind: rule.target_kind, id },
      trigger: "event",
      policy: "enqueue",
      ...(event.id ? { idempotencyKey: `event:${event.type}:${event.id}:${rule.id}` } : {}),
    });
    return { rule, runs: [run] };
  }
  return { rule: null, runs: [] };
}
