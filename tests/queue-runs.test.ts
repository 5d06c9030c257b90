// Runs through both queue kinds: the in-process runner (on PGlite) and BullMQ on a real
// redis-server (on Postgres). Enqueue → worker → run, idempotency, busy targets, cancellation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { getRun } from "../db/queries/runs.ts";
import { agentNamed } from "../graphs/agents.ts";
import {
  CANCEL_POLL_MS,
  cancelRun,
  enqueueRun,
  RunStateError,
  waitForRun,
  type Deps,
} from "../graphs/runtime/index.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import type { JobQueue } from "../server/queue/types.ts";
import { probeRows, queueProbe, queueProbeAgent } from "./support/queue-agent.ts";
import { probeTarget, writeQueueBook, type QueueBook } from "./support/queue-book.ts";
import { gate, testQueue, uniquePrefix, until } from "./support/queue-kit.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

const CASES = [
  { queueKind: "memory", storeKind: "pglite" },
  { queueKind: "bullmq", storeKind: "postgres" },
] as const;

describe.each(CASES)("runs through the $queueKind queue on $storeKind", ({ queueKind, storeKind }) => {
  const agent = queueProbeAgent();
  const agents = (name: string) => (name === agent.name ? agent : agentNamed(name));
  let store: Store;
  let deps: Deps;
  let book: QueueBook;
  let queue: JobQueue;

  beforeAll(async () => {
    store = await openTestStore(storeKind);
    deps = await testDeps(store);
    book = await writeQueueBook(store.sql, `queue-runs-${queueKind}`, 6);
    queue = testQueue(queueKind, uniquePrefix("runs"));
    const handlers = jobHandlers(deps, queue, { agents, busyRetryMs: 100, interruptedRetryMs: 100 });
    await queue.startWorker(handlers, { concurrency: 3 });
  });
  afterAll(async () => {
    await queue?.close();
    await store?.close();
  });
  beforeEach(() => queueProbe.reset());

  const idle = () => until("the worker to go idle", async () => (await queue.counts()).active === 0);

  it("runs a queued run to completion, writing each output once", async () => {
    const queued = await enqueueRun(deps, queue, agent, {
      tenantId: book.tenantId,
      target: probeTarget(book),
    });
    expect(queued).toMatchObject({ created: true, behind: null, run: { status: "queued", trigger: "api" } });

    const done = await waitForRun(deps, book.tenantId, queued.run.id, 30_000);
    expect(done.settled).toBe(true);
    expect(done.run.status).toBe("succeeded");
    expect(await probeRows(store.sql, queued.run.id)).toEqual({ scores: 1, tasks: 2, drafts: 1 });
    const events = await listRunEvents(store.sql, queued.run.id);
    expect(events.map((e) => e.type)).toEqual([
      "run_started",
      "node_finished",
      "node_finished",
      "node_finished",
      "run_succeeded",
    ]);
  });

  it("the same idempotency key queues one run, and re-adding its job is a no-op", async () => {
    const request = {
      tenantId: book.tenantId,
      target: probeTarget(book, book.accountIds[1]),
      idempotencyKey: "k-1",
    };
    const first = await enqueueRun(deps, queue, agent, request);
    const second = await enqueueRun(deps, queue, agent, request);
    expect(second.run.id).toBe(first.run.id);
    expect(second.created).toBe(false);
    await queue.addRun({ tenantId: book.tenantId, runId: first.run.id });

    expect((await waitForRun(deps, book.tenantId, first.run.id, 30_000)).run.status).toBe("succeeded");
    await idle();
    await queue.addRun({ tenantId: book.tenantId, runId: first.run.id });
    await idle();
    expect(queueProbe.executions).toEqual({ write: 1, pause: 1, finish: 1 });
    const again = await enqueueRun(deps, queue, agent, request);
    expect(again).toMatchObject({ created: false, run: { id: first.run.id, status: "succeeded" } });
  });

  it("a second run on a busy target is rejected naming the busy run, or queued behind it", async () => {
    const held = gate();
    queueProbe.pause = () => held.wait;
    const target = probeTarget(book, book.accountIds[2]);
    const a = await enqueueRun(deps, queue, agent, { tenantId: book.tenantId, target });
    await until("run A to reach its pause node", () => queueProbe.executions.pause === 1);

    const rejected = enqueueRun(deps, queue, agent, { tenantId: book.tenantId, target, policy: "reject" });
    await expect(rejected).rejects.toMatchObject({ code: "TARGET_BUSY", busyRunId: a.run.id });
    await expect(rejected).rejects.toThrow(a.run.id);
    const b = await enqueueRun(deps, queue, agent, { tenantId: book.tenantId, target, policy: "enqueue" });
    expect(b.behind).toBe(a.run.id);
    // another account is not busy
    const other = await enqueueRun(deps, queue, agent, {
      tenantId: book.tenantId,
      target: probeTarget(book, book.accountIds[3]),
      policy: "reject",
    });

    await new Promise((r) => setTimeout(r, 400));
    expect((await getRun(store.sql, book.tenantId, b.run.id))!.status).toBe("queued");
    queueProbe.pause = async () => {};
    held.open();

    const doneA = await waitForRun(deps, book.tenantId, a.run.id, 30_000);
    const doneB = await waitForRun(deps, book.tenantId, b.run.id, 30_000);
    expect([doneA.run.status, doneB.run.status]).toEqual(["succeeded", "succeeded"]);
    expect(doneB.run.started_at!.getTime()).toBeGreaterThanOrEqual(doneA.run.finished_at!.getTime());
    expect((await waitForRun(deps, book.tenantId, other.run.id, 30_000)).run.status).toBe("succeeded");
  });

  it("cancels a running run at its next node boundary, keeping what it wrote", async () => {
    const held = gate();
    queueProbe.pause = () => held.wait;
    const { run } = await enqueueRun(deps, queue, agent, {
      tenantId: book.tenantId,
      target: probeTarget(book, book.accountIds[4]),
    });
    await until("the run to reach its pause node", () => queueProbe.executions.pause === 1);
    const waited = await waitForRun(deps, book.tenantId, run.id, 200);
    expect(waited).toMatchObject({ settled: false, run: { status: "running" } });

    const cancelled = await cancelRun(store.sql, book.tenantId, run.id, "test");
    expect(cancelled).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
    // the executing leg sees the cancellation within one poll, then the paused node returns
    await new Promise((r) => setTimeout(r, CANCEL_POLL_MS * 3));
    held.open();
    await idle();

    const after = (await getRun(store.sql, book.tenantId, run.id))!;
    expect(after.status).toBe("cancelled");
    expect(queueProbe.executions).toEqual({ write: 1, pause: 1, finish: 0 });
    expect(await probeRows(store.sql, run.id)).toEqual({ scores: 1, tasks: 1, drafts: 1 });
    const types = (await listRunEvents(store.sql, run.id)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith("run_"))).toEqual(["run_started", "run_cancelled"]);
    // cancelling again returns the run; a finished run cannot be cancelled
    expect((await cancelRun(store.sql, book.tenantId, run.id)).status).toBe("cancelled");
  });

  it("a run cancelled while queued never starts; a finished run cannot be cancelled", async () => {
    const held = gate();
    queueProbe.pause = () => held.wait;
    const target = probeTarget(book, book.accountIds[5]);
    const a = await enqueueRun(deps, queue, agent, { tenantId: book.tenantId, target });
    const b = await enqueueRun(deps, queue, agent, { tenantId: book.tenantId, target, policy: "enqueue" });
    await until("run A to reach its pause node", () => queueProbe.executions.pause === 1);
    await cancelRun(store.sql, book.tenantId, b.run.id);
    queueProbe.pause = async () => {};
    held.open();
    expect((await waitForRun(deps, book.tenantId, a.run.id, 30_000)).run.status).toBe("succeeded");
    await new Promise((r) => setTimeout(r, 300));
    await idle();
    expect(queueProbe.executions.write).toBe(1);
    expect((await getRun(store.sql, book.tenantId, b.run.id))!.started_at).toBeNull();
    await expect(cancelRun(store.sql, book.tenantId, a.run.id)).rejects.toBeInstanceOf(RunStateError);
    await expect(
      cancelRun(store.sql, book.tenantId, "00000000-0000-4000-8000-000000000000"),
    ).rejects.toMatchObject({
      code: "RUN_NOT_FOUND",
    });
  });
});
