import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import type { Deps } from "./deps.ts";
import { RunNotFoundError } from "./errors.ts";

export interface RunWait {
  run: AgentRun;
  /** True when the run left queued/running (finished, interrupted, cancelled) before the timeout. */
  settled: boolean;
}

/**
 * Waits until a run is no longer queued or running — it finished, was cancelled, or waits for
 * a person — or `timeoutMs` passed, or `signal` aborted (the client went away). Polls the run's
 * status, every 50 ms at first and up to every 500 ms, so it works for runs executing in any
 * process, on either queue kind.
 */
export async function waitForRun(
  deps: Deps,
  tenantId: string,
  runId: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RunWait> {
  const deadline = Date.now() + timeoutMs;
  let pause = 50;
  for (;;) {
    const run = await getRun(deps.sql, tenantId, runId);
    if (!run) throw new RunNotFoundError(runId);
    if (run.status !== "queued" && run.status !== "running") return { run, settled: true };
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return { run, settled: false };
    await sleep(Math.min(pause, left), signal);
    pause = Math.min(500, pause * 2);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}
