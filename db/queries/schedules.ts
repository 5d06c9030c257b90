import { Cron } from "croner";
import type postgres from "postgres";
import { DbError } from "../errors.ts";
import { withTenant } from "../tenant.ts";
import type { Sql } from "../store.ts";
import type { RunTarget } from "./runs.ts";

/** A tenant's cron schedule: a run of `agent` on `target`, or the nightly plan (agent `plan`). */
export interface Schedule {
  id: string;
  tenant_id: string;
  name: string;
  agent: string;
  cron: string;
  tz: string;
  target: RunTarget;
  enabled: boolean;
  last_fired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ScheduleInput {
  /** Unique per tenant: lower-case letters, digits, `_`, `.`, `-` (at most 63). */
  name: string;
  agent: string;
  /** 5 fields (minute first), or 6 with seconds first; read in `tz`. */
  cron: string;
  /** IANA time zone; default UTC. */
  tz?: string;
  /** Default `{kind: "all"}`. */
  target?: RunTarget;
  /** Default true. */
  enabled?: boolean;
}

/** The agent name of the nightly plan schedule. */
export const PLAN_AGENT = "plan";
/** Every tenant's default schedule: the nightly plan at 02:00 UTC (a tenant may change it). */
export const NIGHTLY_PLAN_SCHEDULE: ScheduleInput = {
  name: "nightly-plan",
  agent: PLAN_AGENT,
  cron: "0 2 * * *",
};

/** A schedule that does not exist in this tenant, or a bad cron pattern, time zone or name. */
export class ScheduleError extends DbError {}

/** Throws INVALID_CRON unless `cron` is a 5- or 6-field pattern croner accepts. */
export function validateCron(cron: string): string {
  const text = cron.trim().replace(/\s+/g, " ");
  const fields = text.split(" ").length;
  if (fields !== 5 && fields !== 6) {
    throw new ScheduleError(
      "INVALID_CRON",
      `cron "${cron}": give 5 fields (minute first) or 6 (seconds first)`,
    );
  }
  try {
    new Cron(text, { paused: true });
  } catch (err) {
    throw new ScheduleError("INVALID_CRON", `cron "${cron}": ${(err as Error).message}`);
  }
  return text;
}

/** Throws INVALID_TIME_ZONE unless `tz` is an IANA time zone this runtime knows; returns it as given. */
export function validateTimeZone(tz: string): string {
  const name = tz.trim();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    throw new ScheduleError(
      "INVALID_TIME_ZONE",
      `time zone "${tz}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  return name;
}

function validName(name: string): string {
  if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(name)) {
    throw new ScheduleError(
      "INVALID_SCHEDULE_NAME",
      `schedule name "${name}": lower-case letters, digits, _ . - (1-63)`,
    );
  }
  return name;
}

const json = (sql: Sql, v: unknown) => sql.json(v as postgres.JSONValue);

/** Creates a schedule; SCHEDULE_EXISTS when the tenant has one with that name. */
export async function createSchedule(
  sql: postgres.Sql,
  tenantId: string,
  input: ScheduleInput,
): Promise<Schedule> {
  const cron = validateCron(input.cron);
  const tz = validateTimeZone(input.tz ?? "UTC");
  const name = validName(input.name);
  const row = await withTenant(sql, tenantId, async (tx) => {
    const [created] = await tx<Schedule[]>`
      INSERT INTO schedules (tenant_id, name, agent, cron, tz, target, enabled)
      VALUES (${tenantId}, ${name}, ${input.agent}, ${cron}, ${tz}, ${json(tx, input.target ?? { kind: "all" })},
              ${input.enabled ?? true})
      ON CONFLICT (tenant_id, name) DO NOTHING
      RETURNING *`;
    return created;
  });
  if (!row) throw new ScheduleError("SCHEDULE_EXISTS", `a schedule named "${name}" exists in this tenant`);
  return row;
}

export function listSchedules(sql: postgres.Sql, tenantId: string): Promise<Schedule[]> {
  return withTenant(sql, tenantId, (tx) => tx<Schedule[]>`SELECT * FROM schedules ORDER BY name`);
}

/**
 * A page of the tenant's schedules by name (unique per tenant), after the cursor key
 * `[name, id]`; `limit + 1` rows are read so the caller knows whether another page follows.
 */
export function listSchedulePage(
  sql: postgres.Sql,
  tenantId: string,
  page: { limit: number; after?: readonly (string | number | null)[] | undefined },
): Promise<{ rows: Schedule[]; total: number }> {
  const [name = null, id = null] = page.after ?? [];
  return withTenant(sql, tenantId, async (tx) => {
    const rows = await tx<Schedule[]>`
      SELECT * FROM schedules
      WHERE ${page.after === undefined} OR (name, id) > (${name}::text, ${id}::uuid)
      ORDER BY name, id LIMIT ${page.limit + 1}`;
    const [count] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM schedules`;
    return { rows, total: count!.n };
  });
}

export async function getSchedule(sql: postgres.Sql, tenantId: string, id: string): Promise<Schedule> {
  if (!isUuid(id)) throw notFound(id);
  const [row] = await withTenant(
    sql,
    tenantId,
    (tx) => tx<Schedule[]>`SELECT * FROM schedules WHERE id = ${id}`,
  );
  if (!row) throw notFound(id);
  return row;
}

/** Changes the given fields of a schedule (validated like createSchedule). */
export async function updateSchedule(
  sql: postgres.Sql,
  tenantId: string,
  id: string,
  patch: Partial<ScheduleInput>,
): Promise<Schedule> {
  if (!isUuid(id)) throw notFound(id);
  const cron = patch.cron === undefined ? null : validateCron(patch.cron);
  const tz = patch.tz === undefined ? null : validateTimeZone(patch.tz);
  const name = patch.name === undefined ? null : validName(patch.name);
  const [row] = await withTenant(
    sql,
    tenantId,
    (tx) => tx<Schedule[]>`
      UPDATE schedules SET
        name = coalesce(${name}, name), agent = coalesce(${patch.agent ?? null}, agent),
        cron = coalesce(${cron}, cron), tz = coalesce(${tz}, tz),
        target = coalesce(${patch.target ? json(tx, patch.target) : null}::jsonb, target),
        enabled = coalesce(${patch.enabled ?? null}::boolean, enabled), updated_at = now()
      WHERE id = ${id} RETURNING *`,
  );
  if (!row) throw notFound(id);
  return row;
}

export async function deleteSchedule(sql: postgres.Sql, tenantId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(id);
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx`DELETE FROM schedules WHERE id = ${id} RETURNING id`,
  );
  if (rows.length === 0) throw notFound(id);
}

/** Enabled schedules of every tenant (system work: mirroring them into the queue). */
export function listEnabledSchedules(sql: Sql): Promise<Schedule[]> {
  return sql<Schedule[]>`SELECT * FROM schedules WHERE enabled ORDER BY tenant_id, name`;
}

/** Notes that a schedule fired (system work, from the worker). */
export async function markScheduleFired(sql: Sql, id: string, at: Date): Promise<void> {
  await sql`UPDATE schedules SET last_fired_at = ${at} WHERE id = ${id}`;
}

/**
 * Gives a tenant the nightly plan schedule once: idempotent, and a schedule the tenant deleted
 * is not put back. Returns the schedule when it was created now.
 */
export async function ensureDefaultSchedule(sql: postgres.Sql, tenantId: string): Promise<Schedule | null> {
  return withTenant(sql, tenantId, async (tx) => {
    const [first] = await tx`
      INSERT INTO tenant_defaults (tenant_id, name) VALUES (${tenantId}, 'nightly_plan_schedule')
      ON CONFLICT DO NOTHING RETURNING name`;
    if (!first) return null;
    const s = NIGHTLY_PLAN_SCHEDULE;
    const [row] = await tx<Schedule[]>`
      INSERT INTO schedules (tenant_id, name, agent, cron, tz)
      VALUES (${tenantId}, ${s.name}, ${s.agent}, ${s.cron}, 'UTC')
      ON CONFLICT (tenant_id, name) DO NOTHING RETURNING *`;
    return row ?? null;
  });
}

/** Ids are uuids: anything else cannot exist (and must not reach Postgres as a uuid parameter). */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function notFound(id: string): ScheduleError {
  return new ScheduleError("SCHEDULE_NOT_FOUND", `schedule ${id} not found`);
}
