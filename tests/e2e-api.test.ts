import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { listen } from "./support/http-server.ts";
import { parseSse, type SseEvent } from "./support/http-sse.ts";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";

/**
 * End to end over a real socket, once on the in-process queue and once on BullMQ with a real
 * redis-server: trigger a run → follow its events → approve its drafts → the run resumes → read
 * its outputs. Real Postgres store, the production job handlers as the worker.
 */
const QUEUES = ["in-process", "bullmq"] as const;

describe.each(QUEUES)("the API end to end on the %s queue", (queueKind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SalesBook;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const prefix = `e2e-${process.pid}-${Date.now()}`;
    h = await openHttpApp("postgres", {
      worker: true,
      ...(queueKind === "bullmq"
        ? {
            queue: () =>
              new BullJobQueue({ url: inject("redisUrl"), prefix, logger: createLogger("silent") }),
          }
        : {}),
    });
    expect(h.queue.kind).toBe(queueKind === "bullmq" ? "bullmq" : "memory");
    book = await writeSalesBook(h.store.sql, `e2e-${queueKind}`);
    t = await keyedTenant(h.store, `e2e-${queueKind}`);
    server = await listen(h.app);
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const request = async (method: string, path: string, key: string, body?: unknown, headers = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.text()) as string, headers: res.headers };
  };
  const json = async <T>(method: string, path: string, key: string, body?: unknown) => {
    const res = await request(method, path, key, body);
    return { status: res.status, body: JSON.parse(res.body) as T, headers: res.headers };
  };
  /** Reads a run's event stream until the server ends it (the run finished or waits for a person). */
  const events = async (runId: string, lastEventId?: string): Promise<SseEvent[]> => {
    const res = await request("GET", `/v1/runs/${runId}/events`, t.keys.read, undefined, {
      accept: "text/event-stream",
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    return parseSse(res.body).filter((e) => e.id !== null);
  };

  it("trigger → run → SSE events → approval → resume → outputs", async () => {
    // trigger, in the background
    const started = await json<{ run: { id: string; status: string } }>("POST", "/v1/runs", t.keys.write, {
      agent: "sales",
      target: { kind: "all" },
      mode: "background",
      idempotency_key: `e2e-${queueKind}`,
    });
    expect(started.status).toBe(202);
    const runId = started.body.run.id;

    // the events until the run waits for a person: numbered 1..n, in order, none missing
    const first = await events(runId);
    expect(first.map((e) => Number(e.id))).toEqual(first.map((_, i) => i + 1));
    expect(first[0]!.event).toBe("run_started");
    expect(first.at(-1)!.event).toBe("run_interrupted");
    expect(first.filter((e) => e.event === "node_finished").length).toBeGreaterThan(2);

    // what waits for a person
    const waiting = await json<{ data: { run_id: string; drafts: { id: string }[] }[] }>(
      "GET",
      "/v1/approvals",
      t.keys.read,
    );
    const entry = waiting.body.data.find((w) => w.run_id === runId)!;
    expect(entry.drafts.length).toBeGreaterThan(0);
    const [approved, ...rejected] = entry.drafts;

    // the decision resumes the run to its end
    const decided = await json<{ run: { status: string } }>(
      "POST",
      `/v1/runs/${runId}/approval`,
      t.keys.approve,
      {
        decisions: [
          { draft_id: approved!.id, decision: "approve" },
          ...rejected.map((d) => ({ draft_id: d.id, decision: "reject", note: "not now" })),
        ],
      },
    );
    // stored at once (202); a worker resumes the run
    expect(decided.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const now = await json<{ run: { status: string } }>("GET", `/v1/runs/${runId}`, t.keys.read);
      if (now.body.run.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // rejoining after the last event seen gives exactly the rest, ending with the run's end
    const rest = await events(runId, first.at(-1)!.id!);
    expect(rest.map((e) => Number(e.id))).toEqual(rest.map((_, i) => first.length + i + 1));
    expect(rest[0]!.event).toBe("run_started");
    expect(rest.at(-1)!.event).toBe("run_succeeded");

    // outputs: the run, its drafts as decided, its tasks, and the scores of an entity it scored
    const run = await json<{ run: { status: string }; outputs: { scores: { entity_id: string }[] } }>(
      "GET",
      `/v1/runs/${runId}`,
      t.keys.read,
    );
    expect(run.body.run.status).toBe("succeeded");
    const drafts = await json<{ data: { id: string; status: string }[] }>(
      "GET",
      `/v1/drafts?run_id=${runId}`,
      t.keys.read,
    );
    expect(drafts.body.data.find((d) => d.id === approved!.id)!.status).toBe("approved");
    for (const d of rejected) expect(drafts.body.data.find((x) => x.id === d.id)!.status).toBe("rejected");
    const outbox = await h.store.sql<{ draft_id: string }[]>`
      SELECT draft_id FROM outbox WHERE tenant_id = ${t.tenantId}`;
    expect(outbox.map((o) => o.draft_id)).toEqual([approved!.id]);
    const tasks = await json<{ data: { source_agent: string }[] }>("GET", "/v1/tasks?limit=50", t.keys.read);
    expect(tasks.status).toBe(200);
    expect(tasks.body.data.length).toBeGreaterThan(0);
    expect(tasks.body.data.every((task) => task.source_agent === "sales")).toBe(true);
    const scored = book.leads.warm;
    const scores = await json<{ current: { entity_id: string; kind: string }[] }>(
      "GET",
      `/v1/scores?entity_kind=lead&entity_id=${scored}`,
      t.keys.read,
    );
    expect(scores.body.current.map((s) => [s.entity_id, s.kind])).toContainEqual([scored, "lead"]);

    // the same trigger again answers with the first run
    const again = await json<{ run: { id: string } }>("POST", "/v1/runs", t.keys.write, {
      agent: "sales",
      target: { kind: "all" },
      idempotency_key: `e2e-${queueKind}`,
    });
    expect(again.body.run.id).toBe(runId);
  }, 120_000);
});
