import type postgres from "postgres";
import { ensureDefaultEventRules } from "../../db/queries/event-rules.ts";
import {
  createSchedule,
  deleteSchedule,
  ensureDefaultSchedule,
  getSchedule,
  listEnabledSchedules,
  PLAN_AGENT,
  updateSchedule,
  type Schedule,
  type ScheduleInput,
} from "../../db/queries/schedules.ts";
import { agentNamed } from "../../graphs/agents.ts";
import type { AgentDefinition } from "../../graphs/runtime/index.ts";
import type { JobQueue } from "./types.ts";

type Agents = (name: string) => AgentDefinition;

/** A schedule's agent must be `plan` or an agent that can run on its target (named errors otherwise). */
function checkAgent(agents: Agents, input: Pick<ScheduleInput, "agent" | "target">): void {
  if (input.agent === PLAN_AGENT) return;
  agents(input.agent).input(input.target ?? { kind: "all" });
}

async function mirror(queue: JobQueue, s: Schedule): Promise<void> {
  if (s.enabled) await queue.upsertSchedule({ id: s.id, tenantId: s.tenant_id, cron: s.cron, tz: s.tz });
  else await queue.removeSchedule(s.id);
}

/** Creates a tenant's schedule and its job scheduler (the API's POST /v1/schedules). */
export async function createTenantSchedule(
  sql: postgres.Sql,
  queue: JobQueue,
  tenantId: string,
  input: ScheduleInput,
  agents: Agents = agentNamed,
): Promise<Schedule> {
  checkAgent(agents, input);
  const schedule = await createSchedule(sql, tenantId, input);
  await mirror(queue, schedule);
  return schedule;
}

/** Changes a schedule and replaces its job scheduler (removed while disabled). */
export async function updateTenantSchedule(
  sql: postgres.Sql,
  queue: JobQueue,
  tenantId: string,
  id: string,
  patch: Partial<ScheduleInput>,
  agents: Agents = agentNamed,
): Promise<Schedule> {
  if (patch.agent !== undefined || patch.target !== undefined) {
    const current = await getSchedule(sql, tenantId, id);
    checkAgent(agents, { agent: patch.agent ?? current.agent, target: patch.target ?? current.target });
  }
  const schedule = await updateSchedule(sql, tenantId, id, patch);
  await mirror(queue, schedule);
  return schedule;
}

/** Deletes a schedule and its job scheduler. */
export async function deleteTenantSchedule(
  sql: postgres.Sql,
  queue: JobQueue,
  tenantId: string,
  id: string,
): Promise<void> {
  await deleteSchedule(sql, tenantId, id);
  await queue.removeSchedule(id);
}

/**
 * Makes the queue's job schedulers match the enabled schedules in the store (system work, at
 * worker start): upserts every one (re-upserting does not duplicate) and removes the others.
 */
export async function mirrorSchedules(
  sql: postgres.Sql,
  queue: JobQueue,
): Promise<{ upserted: number; removed: number }> {
  const schedules = await listEnabledSchedules(sql);
  for (const s of schedules) await mirror(queue, s);
  const keep = new Set(schedules.map((s) => s.id));
  const stale = (await queue.scheduleIds()).filter((id) => !keep.has(id));
  for (const id of stale) await queue.removeSchedule(id);
  return { upserted: schedules.length, removed: stale.length };
}

/**
 * Gives a tenant its defaults once — the nightly plan schedule and the default event rules —
 * and mirrors a new schedule into the queue. Idempotent: defaults a tenant deleted stay deleted.
 */
export async function ensureTenantDefaults(sql: postgres.Sql, queue: JobQueue | null, tenantId: string) {
  const schedule = await ensureDefaultSchedule(sql, tenantId);
  const rules = await ensureDefaultEventRules(sql, tenantId);
  if (schedule && queue) await mirror(queue, schedule);
  return { schedule, rules };
}
