import type postgres from "postgres";
import type { Sql } from "../store.ts";
import type { RunTarget } from "./runs.ts";

/** A row of `protocol_threads` (migration 0019). */
export interface ProtocolThread {
  id: string;
  tenant_id: string;
  /** The target whose conversation this is; null for a free thread. */
  target: RunTarget | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** A run of a thread, as `protocol_thread_runs` links it. */
export interface ThreadRunLink {
  run_id: string;
  thread_id: string | null;
  stream_mode: string[];
  multitask: string;
  metadata: Record<string, unknown>;
}

const json = (v: unknown) => v as postgres.JSONValue;

export async function createThread(
  sql: Sql,
  t: { tenantId: string; id?: string; target: RunTarget | null; metadata: Record<string, unknown> },
): Promise<{ thread: ProtocolThread; created: boolean }> {
  const [row] = await sql<ProtocolThread[]>`
    INSERT INTO protocol_threads (id, tenant_id, target, metadata)
    VALUES (coalesce(${t.id ?? null}::uuid, gen_random_uuid()), ${t.tenantId},
            ${t.target ? sql.json(json(t.target)) : null}, ${sql.json(json(t.metadata))})
    ON CONFLICT (id) DO NOTHING RETURNING *`;
  if (row) return { thread: row, created: true };
  const existing = await getThread(sql, t.tenantId, t.id!);
  return { thread: existing!, created: false };
}

/** The tenant's thread, or null (another tenant's id is null too). */
export async function getThread(sql: Sql, tenantId: string, id: string): Promise<ProtocolThread | null> {
  const [row] = await sql<ProtocolThread[]>`
    SELECT * FROM protocol_threads WHERE tenant_id = ${tenantId} AND id = ${id}`;
  return row ?? null;
}

/** Threads whose metadata contains `metadata`, newest first. */
export function searchThreads(
  sql: Sql,
  q: { tenantId: string; metadata: Record<string, unknown>; limit: number; offset: number },
): Promise<ProtocolThread[]> {
  return sql<ProtocolThread[]>`
    SELECT * FROM protocol_threads
    WHERE tenant_id = ${q.tenantId} AND metadata @> ${sql.json(json(q.metadata))}
    ORDER BY updated_at DESC, id LIMIT ${q.limit} OFFSET ${q.offset}`;
}

/** Binds a free thread to the target of its first run; touches `updated_at`. */
export async function touchThread(sql: Sql, tenantId: string, id: string, target: RunTarget): Promise<void> {
  await sql`
    UPDATE protocol_threads SET updated_at = now(), target = coalesce(target, ${sql.json(json(target))})
    WHERE tenant_id = ${tenantId} AND id = ${id}`;
}

/** Deletes a thread and its run links (the runs themselves and their outputs stay). */
export async function deleteThread(sql: Sql, tenantId: string, id: string): Promise<boolean> {
  const rows =
    await sql`DELETE FROM protocol_threads WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`;
  return rows.length > 0;
}

export async function linkThreadRun(
  sql: Sql,
  l: {
    tenantId: string;
    runId: string;
    threadId: string | null;
    streamMode: string[];
    multitask: string;
    metadata: Record<string, unknown>;
  },
): Promise<void> {
  await sql`
    INSERT INTO protocol_thread_runs (run_id, thread_id, tenant_id, stream_mode, multitask, metadata)
    VALUES (${l.runId}, ${l.threadId}, ${l.tenantId}, ${l.streamMode}, ${l.multitask}, ${sql.json(json(l.metadata))})
    ON CONFLICT (run_id) DO NOTHING`;
}

/** The link of a run, when the run is the tenant's and (with `threadId`) on that thread. */
export async function getRunLink(
  sql: Sql,
  tenantId: string,
  runId: string,
  threadId?: string | null,
): Promise<ThreadRunLink | null> {
  const [row] = await sql<ThreadRunLink[]>`
    SELECT run_id, thread_id, stream_mode, multitask, metadata FROM protocol_thread_runs
    WHERE tenant_id = ${tenantId} AND run_id = ${runId}
      AND (${threadId === undefined} OR thread_id IS NOT DISTINCT FROM ${threadId ?? null}::uuid)`;
  return row ?? null;
}

/** The run ids of a thread, newest first, optionally with one run status. */
export async function threadRunIds(
  sql: Sql,
  q: { tenantId: string; threadId: string; limit: number; offset: number; statuses?: string[] },
): Promise<string[]> {
  const rows = await sql<{ run_id: string }[]>`
    SELECT l.run_id FROM protocol_thread_runs l JOIN agent_runs r ON r.id = l.run_id
    WHERE l.tenant_id = ${q.tenantId} AND l.thread_id = ${q.threadId}
      AND (${!q.statuses} OR r.status IN ${sql(q.statuses ?? ["-"])})
    ORDER BY r.created_at DESC, r.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`;
  return rows.map((r) => r.run_id);
}
