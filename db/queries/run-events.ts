import type postgres from "postgres";
import type { Sql } from "../store.ts";

/** One event of a run, numbered per run so a client can rejoin from the last seq it saw. */
export interface RunEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
}

/** Appends an event with the run's next sequence number. */
export async function appendRunEvent(
  sql: Sql,
  tenantId: string,
  runId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<number> {
  // the counter on the run's row hands out seq numbers one writer at a time (migration 0009)
  const [row] = await sql<{ seq: number }[]>`
    WITH next AS (
      UPDATE agent_runs SET last_event_seq = last_event_seq + 1 WHERE id = ${runId} RETURNING last_event_seq
    )
    INSERT INTO run_events (tenant_id, run_id, seq, type, data)
    SELECT ${tenantId}, ${runId}, next.last_event_seq, ${type}, ${sql.json(data as postgres.JSONValue)}
    FROM next
    RETURNING seq`;
  return row!.seq;
}

/** Events after `afterSeq`, in order. */
export function listRunEvents(sql: Sql, runId: string, afterSeq = 0, limit = 1000): Promise<RunEvent[]> {
  return sql<RunEvent[]>`
    SELECT seq, type, data, created_at FROM run_events
    WHERE run_id = ${runId} AND seq > ${afterSeq} ORDER BY seq LIMIT ${limit}`;
}
