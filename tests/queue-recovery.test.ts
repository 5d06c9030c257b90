// A worker killed mid-job (SIGKILL, in its own process) loses nothing: BullMQ's stalled-job check
// hands the job to another worker, the in-process runner re-queues the run when the next process
// starts, and either way the run continues from its checkpoint and writes no output twice.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate, openStore, type Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { getRun } from "../db/queries/runs.ts";
import { enqueueRun, waitForRun } from "../graphs/runtime/index.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import { requeueUnfinishedRuns } from "../server/queue/recover.ts";
import type { JobQueue } from "../server/queue/types.ts";
import { sharedStore } from "./support/checkpoint-child.ts";
import { probeRows, queueProbe, queueProbeAgent } from "./support/queue-agent.ts";
import { probeTarget, writeQueueBook } from "./support/queue-book.ts";
import { testQueue, uniquePrefix } from "./support/queue-kit.ts";
import { testDeps } from "./support/runtime-deps.ts";

const SCRIPT = fileURLToPath(new URL("./support/queue-worker.ts", import.meta.url));
const children = new Set<ChildProcess>();
const agent = queueProbeAgent();
let store: Store | undefined;
let queue: JobQueue | undefined;

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});
beforeEach(() => queueProbe.reset());

/** Starts queue-worker.ts and kills it with SIGKILL once it prints HANGING; resolves with its stdout. */
function killedAtPause(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split("\n").includes("HANGING")) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("close", (code, signal) => {
      children.delete(child);
      if (signal === "SIGKILL") resolve(stdout);
      else reject(new Error(`worker exited (${code}) before it was killed:\n${stdout}\n${stderr}`));
    });
  });
}

async function expectCompletedOnce(s: Store, tenantId: string, runId: string) {
  const deps = await testDeps(s);
  const done = await waitForRun(deps, tenantId, runId, 60_000);
  expect(done.run.status).toBe("succeeded");
  expect(await probeRows(s.sql, runId)).toEqual({ scores: 1, tasks: 2, drafts: 1 });
  // the second worker continued from the checkpoint: write ran only in the killed process
  expect(queueProbe.executions).toEqual({ write: 0, pause: 1, finish: 1 });
  const starts = (await listRunEvents(s.sql, runId)).filter((e) => e.type === "run_started");
  expect(starts.map((e) => e.data.leg)).toEqual(["input", "continue"]);
}

describe("a worker killed mid-job", () => {
  afterAll(async () => {
    await queue?.close();
    await store?.close();
  });

  it("BullMQ: the stalled job is retried by another worker and the run completes once", async () => {
    const shared = await sharedStore("postgres");
    const url = shared.spec.slice("postgres:".length);
    store = await openStore({ kind: "postgres", url, poolMax: 4 });
    await migrate(store.sql);
    const deps = await testDeps(store);
    const book = await writeQueueBook(store.sql, "recover-bullmq");
    const prefix = uniquePrefix("recovery");
    queue = testQueue("bullmq", prefix, { lockDurationMs: 2000, stalledIntervalMs: 1000 });
    const { run } = await enqueueRun(deps, queue, agent, {
      tenantId: book.tenantId,
      target: probeTarget(book),
    });

    await killedAtPause(["bullmq", url, inject("redisUrl"), prefix]);
    expect((await getRun(store.sql, book.tenantId, run.id))!.status).toBe("running");
    expect(await probeRows(store.sql, run.id)).toEqual({ scores: 1, tasks: 1, drafts: 1 });

    await queue.startWorker(jobHandlers(deps, queue, { agents: () => agent }), { concurrency: 1 });
    await expectCompletedOnce(store, book.tenantId, run.id);
    await queue.close();
    await store.close();
    queue = store = undefined;
  }, 90_000);

  it("in-process runner: the next process re-queues the run and it completes once", async () => {
    const shared = await sharedStore("pglite");
    const dir = shared.spec.slice("embedded:".length);
    const printed = await killedAtPause(["memory", dir]);
    const { tenantId, runId } = JSON.parse(printed.split("\n")[0]!) as { tenantId: string; runId: string };

    store = await openStore({ kind: "embedded", dataDir: dir });
    expect((await getRun(store.sql, tenantId, runId))!.status).toBe("running");
    const deps = await testDeps(store);
    queue = testQueue("memory", "unused");
    await queue.startWorker(jobHandlers(deps, queue, { agents: () => agent }), { concurrency: 1 });
    expect(await requeueUnfinishedRuns(store.sql, queue, { includeRunning: true })).toBe(1);
    await expectCompletedOnce(store, tenantId, runId);
    await queue.close();
    await store.close();
    queue = store = undefined;
    await shared.cleanup();
  }, 90_000);
});
