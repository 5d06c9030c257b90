// A worker in its own process, for the tests that kill one mid-job (tests/queue-recovery.test.ts).
//   tsx queue-worker.ts bullmq <postgres-url> <redis-url> <prefix>   process run jobs from BullMQ
//   tsx queue-worker.ts memory <data-dir>                            write a book, queue a run, process it
// Both print HANGING and stop forever when a run reaches the probe's pause node.
import { migrate, openStore } from "../../db/index.ts";
import { enqueueRun } from "../../graphs/runtime/index.ts";
import { createLogger } from "../../server/logger.ts";
import { BullJobQueue } from "../../server/queue/bullmq.ts";
import { jobHandlers } from "../../server/queue/handlers.ts";
import { MemoryJobQueue } from "../../server/queue/memory.ts";
import { nodeStarted, queueProbeAgent } from "./queue-agent.ts";
import { probeTarget, writeQueueBook } from "./queue-book.ts";
import { testDeps } from "./runtime-deps.ts";

const [mode, where, redisUrl, prefix] = process.argv.slice(2);
const agent = queueProbeAgent();
const logger = createLogger("silent");
const policy = { attempts: 3, backoffMs: 50, keepFinished: 100 };

nodeStarted.hook = async (node) => {
  if (node !== "pause") return;
  console.log("HANGING");
  await new Promise(() => {});
};

if (mode === "bullmq") {
  const store = await openStore({ kind: "postgres", url: where!, poolMax: 2 });
  const deps = await testDeps(store);
  const queue = new BullJobQueue({
    url: redisUrl!,
    prefix: prefix!,
    policy,
    logger,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
  });
  await queue.startWorker(jobHandlers(deps, queue, { agents: () => agent }), { concurrency: 1 });
  console.log("READY");
} else if (mode === "memory") {
  const store = await openStore({ kind: "embedded", dataDir: where! });
  await migrate(store.sql);
  const deps = await testDeps(store);
  const book = await writeQueueBook(store.sql, "recover-memory");
  const queue = new MemoryJobQueue(logger, policy);
  await queue.startWorker(jobHandlers(deps, queue, { agents: () => agent }), { concurrency: 1 });
  const { run } = await enqueueRun(deps, queue, agent, {
    tenantId: book.tenantId,
    target: probeTarget(book),
  });
  console.log(JSON.stringify({ tenantId: book.tenantId, runId: run.id }));
} else {
  console.error(`usage: queue-worker.ts bullmq <postgres-url> <redis-url> <prefix> | memory <data-dir>`);
  process.exit(2);
}
