import { setTimeout as sleep } from "node:timers/promises";
import { isConnectionLost } from "../../db/errors.ts";
import { recordRunEnd } from "../../db/queries/run-end.ts";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunConnectionLostError, RunNotFoundError } from "./errors.ts";
import { executeLeg, legOf, type LegStart, type RunLeg } from "./execute.ts";

/** How often, and how patiently, a leg cut off by a lost store connection is tried again. */
export interface StoreRecovery {
  /** Tries after the first (default 6). */
  retries: number;
  /** The first wait; each next one doubles (default 250 ms: 0.25 + 0.5 + … + 8 s ≈ 16 s in all). */
  firstDelayMs: number;
}

export const STORE_RECOVERY: StoreRecovery = { retries: 6, firstDelayMs: 250 };

/**
 * Drives a leg of `run`, and when the store's connection is lost anywhere in it (claiming the
 * run, inside a node, recording its end) waits and tries again from the run's checkpoint, so
 * completed nodes do not run again and the interrupted node's idempotent writes land once. The
 * server rolled back whatever transaction the lost connection had open, so nothing is left
 * half-written.
 *
 * Each retry re-reads the run: one that meanwhile finished (its end transaction committed just
 * before the connection went) or was cancelled is returned as it is. A resume whose answer the
 * graph had not yet taken is resumed again with the same answer.
 *
 * When the connection keeps failing past `retries`, the run is marked `failed` with
 * STORE_CONNECTION_LOST (continue it later with `crm continue`); when even that cannot be
 * written, the error is thrown and the run stays `running` for the queue's retry of the job or
 * the worker's recovery.
 */
export async function executeLegRecovering(
  deps: Deps,
  agent: AgentDefinition,
  run: AgentRun,
  start: LegStart,
  policy: StoreRecovery = STORE_RECOVERY,
): Promise<RunLeg> {
  let current = run;
  let next = start;
  for (let attempt = 0; ; attempt++) {
    try {
      if (attempt > 0) {
        const now = await getRun(deps.sql, run.tenant_id, run.id);
        if (!now) throw new RunNotFoundError(run.id);
        if (now.status !== "running" && now.status !== run.status) return legOf(deps, agent, now);
        current = now;
        next = await retryStart(deps, agent, now, start);
      }
      return await executeLeg(deps, agent, current, next);
    } catch (err) {
      if (!isConnectionLost(err)) throw err;
      if (attempt >= policy.retries) return failLost(deps, agent, current, err, attempt + 1);
      const waitMs = policy.firstDelayMs * 2 ** attempt;
      deps.logger.warn(
        { runId: run.id, attempt: attempt + 1, waitMs, err },
        "store connection lost during a run; trying again from its checkpoint",
      );
      await sleep(waitMs);
    }
  }
}

/**
 * Where a retried leg starts. A run still as it was (queued, interrupted, failed …) starts as
 * asked. A run now `running` was claimed: it continues from its checkpoint, except a resume whose
 * checkpoint still waits on the person, which takes the answer again.
 */
async function retryStart(
  deps: Deps,
  agent: AgentDefinition,
  run: AgentRun,
  start: LegStart,
): Promise<LegStart> {
  if (run.status !== "running") return start;
  if (!("resume" in start)) return { continue: true };
  const waiting = (await legOf(deps, agent, run)).interrupts.length > 0;
  return waiting ? start : { continue: true };
}

/** The run as `failed` with STORE_CONNECTION_LOST; throws `err` when that cannot be written either. */
async function failLost(
  deps: Deps,
  agent: AgentDefinition,
  run: AgentRun,
  err: unknown,
  tries: number,
): Promise<RunLeg> {
  // the driver's or the server's own words, not the leg's wrapper around them
  const cause = (err instanceof RunConnectionLostError ? err.cause : err) as { message?: string };
  const error = {
    code: "STORE_CONNECTION_LOST",
    message:
      `the store connection was lost ${tries} times in a row ` +
      `(${cause.message ?? String(err)}); continue the run once the database is back`,
  };
  try {
    const failed = await recordRunEnd(
      deps.sql,
      run,
      { type: "run_failed", data: error },
      {
        status: "failed",
        usage: run.usage,
        provider: run.provider,
        degraded: false,
        error,
      },
    );
    return await legOf(deps, agent, failed);
  } catch {
    throw err;
  }
}
