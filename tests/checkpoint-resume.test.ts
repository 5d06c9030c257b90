// A graph interrupted (or killed) in one process resumes in another, on both stores, through the
// CRM checkpointer. Each leg is a new Node process running tests/support/checkpoint-graph.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS } from "./support/stores.ts";
import {
  killGraphProcesses,
  legResult,
  runGraphProcess,
  sharedStore,
  type SharedStore,
} from "./support/checkpoint-child.ts";

// Every leg is a cold Node process that opens the store (embedded: PGlite on disk, 3-10 s on a
// busy 2-core machine) and migrates it.
const LEGS_TIMEOUT = 240_000;

const work = mkdtempSync(join(tmpdir(), "crm-ckpt-trace-"));
afterAll(() => {
  killGraphProcesses();
  rmSync(work, { recursive: true, force: true });
});

/** How many times each node ran, from the trace file the child processes append to. */
function executions(trace: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of readFileSync(trace, "utf8").split("\n").filter(Boolean)) {
    counts[node] = (counts[node] ?? 0) + 1;
  }
  return counts;
}

describe.each(STORE_KINDS)("checkpoints across processes on %s", (kind) => {
  let store: SharedStore;
  beforeAll(async () => {
    store = await sharedStore(kind);
  });
  afterAll(() => store?.cleanup());

  it(
    "stops at interrupt() in one process and resumes with Command in another",
    async () => {
      const trace = join(work, `${kind}-interrupt`);
      const first = legResult(await runGraphProcess(["start", store.spec, "thread-1", trace, "acme"]));
      expect(first).toEqual({
        values: { topic: "acme", log: ["research:acme", "draft_a", "draft_b"], decision: null },
        next: ["approve"],
        interrupts: [{ question: "Send the drafts?" }],
      });

      const second = legResult(await runGraphProcess(["resume", store.spec, "thread-1", trace, '"yes"']));
      expect(second).toEqual({
        values: {
          topic: "acme",
          log: ["research:acme", "draft_a", "draft_b", "approve", "finish"],
          decision: "yes",
        },
        next: [],
        interrupts: [],
      });
      // the interrupted node restarts from its beginning on resume (at-least-once); no other reruns
      expect(executions(trace)).toEqual({ research: 1, draft_a: 1, draft_b: 1, approve: 2, finish: 1 });
    },
    LEGS_TIMEOUT,
  );

  it(
    "resumes a SIGKILLed run from its last checkpoint without re-running completed nodes",
    async () => {
      const trace = join(work, `${kind}-kill`);
      // research checkpointed; in the next superstep draft_a completes (its writes are saved as
      // pending writes) while draft_b is still running when the process is killed
      const killed = await runGraphProcess(
        ["start-and-hang", store.spec, "thread-2", trace, "beta"],
        "HANGING",
      );
      expect(killed.signal).toBe("SIGKILL");
      expect(executions(trace)).toEqual({ research: 1, draft_a: 1, draft_b: 1 });

      const resumed = legResult(await runGraphProcess(["continue", store.spec, "thread-2", trace]));
      expect(resumed.next).toEqual(["approve"]);
      expect(resumed.values.log).toEqual(["research:beta", "draft_a", "draft_b"]);
      // only the node that was cut off runs again
      expect(executions(trace)).toEqual({ research: 1, draft_a: 1, draft_b: 2, approve: 1 });

      const done = legResult(await runGraphProcess(["resume", store.spec, "thread-2", trace, '"no"']));
      expect(done.values).toEqual({
        topic: "beta",
        log: ["research:beta", "draft_a", "draft_b", "approve", "finish"],
        decision: "no",
      });
      expect(executions(trace)).toEqual({ research: 1, draft_a: 1, draft_b: 2, approve: 2, finish: 1 });
    },
    LEGS_TIMEOUT,
  );
});
