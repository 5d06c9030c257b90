import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { BullJobQueue } from "../../server/queue/bullmq.ts";
import { MemoryJobQueue } from "../../server/queue/memory.ts";
import type { JobQueue } from "../../server/queue/types.ts";
import { createLogger } from "../../server/logger.ts";

export type QueueKind = "memory" | "bullmq";
export const QUEUE_KINDS: QueueKind[] = ["memory", "bullmq"];

/** Fast retries for tests. */
export const TEST_POLICY = { attempts: 3, backoffMs: 50, keepFinished: 1000 };

/** A Redis key prefix of its own, so test files never see each other's jobs. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString("hex")}`;
}

/** A queue of `kind`: the in-process runner, or BullMQ on the test redis-server under `prefix`. */
export function testQueue(
  kind: QueueKind,
  prefix: string,
  options: { lockDurationMs?: number; stalledIntervalMs?: number } = {},
): JobQueue {
  const logger = createLogger("silent");
  if (kind === "memory") return new MemoryJobQueue(logger, TEST_POLICY);
  return new BullJobQueue({ url: inject("redisUrl"), prefix, policy: TEST_POLICY, logger, ...options });
}

/** Polls `check` until it returns a truthy value (returned), or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A promise a test resolves by hand (to hold a run inside a node). */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
