import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRunEvents } from "../db/queries/run-events.ts";
import { writeSalesBook } from "./support/sales-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { listen } from "./support/http-server.ts";
import { parseSse, type SseEvent } from "./support/http-sse.ts";
import { until } from "./support/queue-kit.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Run = { id: string; status: string };

const ids = (events: SseEvent[]) => events.map((e) => Number(e.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each(STORE_KINDS)("run events as Server-Sent Events on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let interrupted: Run;

  const stream = async (runId: string, headers: Record<string, string> = {}, query = "") => {
    const res = await h.app.request(`/v1/runs/${runId}/events${query}`, {
      headers: { authorization: `Bearer ${t.keys.read}`, ...headers },
    });
    return { status: res.status, type: res.headers.get("content-type"), events: parseSse(await res.text()) };
  };

  beforeAll(async () => {
    h = await openHttpApp(kind, { worker: true, events: { pollMs: 20 } });
    await writeSalesBook(h.store.sql, "sse");
    t = await keyedTenant(h.store, "sse");
    const res = await call<{ run: Run }>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "all" }, mode: "wait" },
    });
    interrupted = res.body.run;
  });
  afterAll(() => h?.close());

  it("sends every event of a run in order with id = seq, and ends when the run waits for a person", async () => {
    expect(interrupted.status).toBe("interrupted");
    const all = await stream(interrupted.id);
    expect(all.status).toBe(200);
    expect(all.type).toContain("text/event-stream");
    const stored = await listRunEvents(h.store.sql, interrupted.id);
    expect(ids(all.events)).toEqual(range(1, stored.length));
    expect(all.events.map((e) => e.event)).toEqual(stored.map((e) => e.type));
    expect(all.events[0]!.event).toBe("run_started");
    expect(all.events.at(-1)!.event).toBe("run_interrupted");
    expect(JSON.parse(all.events.at(-1)!.data)).toMatchObject({
      seq: stored.length,
      type: "run_interrupted",
    });
  });

  it("rejoins after Last-Event-ID (or ?after) with exactly the events after it", async () => {
    const all = (await stream(interrupted.id)).events;
    for (const cut of [0, 1, Math.floor(all.length / 2), all.length]) {
      const rest = await stream(interrupted.id, { "last-event-id": String(cut) });
      expect(ids(rest.events)).toEqual(range(cut + 1, all.length));
      expect(ids((await stream(interrupted.id, {}, `?after=${cut}`)).events)).toEqual(
        range(cut + 1, all.length),
      );
    }
    const bad = await call<{ error: { field: string } }>(h.app, "GET", `/v1/runs/${interrupted.id}/events`, {
      key: t.keys.read,
      headers: { "last-event-id": "seven" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("last-event-id");
    const other = await keyedTenant(h.store, "sse-other");
    const hidden = await call(h.app, "GET", `/v1/runs/${interrupted.id}/events`, { key: other.keys.read });
    expect(hidden.status).toBe(404);
  });

  it("over a real socket: follows a live run, drops the connection, rejoins, and misses and repeats nothing", async () => {
    const server = await listen(h.app);
    const auth = { authorization: `Bearer ${t.keys.read}` };
    const events = async (runId: string, lastId?: string) => {
      const res = await fetch(`${server.url}/v1/runs/${runId}/events`, {
        headers: lastId ? { ...auth, "last-event-id": lastId } : auth,
      });
      return parseSse(await res.text());
    };
    try {
      const before = (await events(interrupted.id)).length;
      // a second run on the same target: the first one waits for approval, which does not hold
      // the target, so this one starts beside it (behind nothing); its stream is opened at once
      const queued = await call<{ run: Run; behind: string | null }>(h.app, "POST", "/v1/runs", {
        key: t.keys.write,
        body: { agent: "sales", target: { kind: "all" }, policy: "enqueue" },
      });
      expect(queued.body.behind).toBeNull();
      const live = await fetch(`${server.url}/v1/runs/${queued.body.run.id}/events`, { headers: auth });
      expect(live.status).toBe(200);
      const reader = live.body!.getReader();

      // approving the first run's drafts resumes it, while the second run goes on by itself
      const drafts = await h.store.sql<{ id: string }[]>`
        SELECT id FROM drafts WHERE run_id = ${interrupted.id} AND status = 'pending' ORDER BY id`;
      const resumed = await fetch(`${server.url}/v1/runs/${interrupted.id}/approval`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.keys.approve}`, "content-type": "application/json" },
        body: JSON.stringify({ decisions: drafts.map((d) => ({ draft_id: d.id, decision: "approve" })) }),
      });
      // stored (202); a worker resumes the run
      expect(resumed.status).toBe(202);
      await until("the resumed run to finish", async () => {
        const [run] = await h.store.sql<
          { status: string }[]
        >`SELECT status FROM agent_runs WHERE id = ${interrupted.id}`;
        return run!.status === "succeeded";
      });
      const after = await events(interrupted.id, String(before));
      expect(after[0]).toMatchObject({ id: String(before + 1), event: "run_started" });
      expect(after.at(-1)!.event).toBe("run_succeeded");

      // the live stream: read two events as they happen, then hang up
      let text = "";
      while (parseSse(text).filter((e) => e.id).length < 2) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      const seen = parseSse(text).filter((e) => e.id);
      expect(seen[0]).toMatchObject({ id: "1", event: "run_started" });
      // rejoin from the last id seen, to the end of the run
      const rest = await events(queued.body.run.id, seen.at(-1)!.id!);
      const stored = await listRunEvents(h.store.sql, queued.body.run.id);
      expect([...ids(seen), ...ids(rest)]).toEqual(range(1, stored.length));
      expect(rest.at(-1)!.event).toMatch(/^run_(succeeded|interrupted)$/);
    } finally {
      await server.close();
    }
  });
});
