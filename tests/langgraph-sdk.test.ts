// The Agent Protocol (server/protocol) driven by the real @langchain/langgraph-sdk over a socket,
// on both queue kinds: the in-process runner on PGlite, BullMQ on a real redis-server on Postgres.
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { listen } from "./support/http-server.ts";
import { testQueue, uniquePrefix } from "./support/queue-kit.ts";

const CASES = [
  { queueKind: "memory", storeKind: "pglite" },
  { queueKind: "bullmq", storeKind: "postgres" },
] as const;

type HumanInterrupt = {
  action_request: { action: string; args: { draft_id: string; body: string; subject: string | null } };
  config: Record<string, boolean>;
  description: string;
};
type Waited = Record<string, unknown> & { __interrupt__?: { value: HumanInterrupt[] }[] };

const status = async (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? -1,
  );

describe.each(CASES)(
  "LangGraph SDK against the $queueKind queue on $storeKind",
  ({ queueKind, storeKind }) => {
    let h: HttpHarness;
    let server: { url: string; close(): Promise<void> };
    let book: SalesBook;
    let other: SalesBook;
    let t: KeyedTenant;
    let u: KeyedTenant;
    let sdk: Client;
    let sdk2: Client;
    let sdk3: Client;

    beforeAll(async () => {
      h = await openHttpApp(storeKind, {
        worker: true,
        ...(queueKind === "bullmq" ? { queue: () => testQueue("bullmq", uniquePrefix("sdk")) } : {}),
      });
      book = await writeSalesBook(h.store.sql, "sdk-a");
      other = await writeSalesBook(h.store.sql, "sdk-b");
      t = await keyedTenant(h.store, "sdk-a");
      u = await keyedTenant(h.store, "sdk-b");
      await writeSalesBook(h.store.sql, "sdk-c");
      const w = await keyedTenant(h.store, "sdk-c");
      server = await listen(h.app);
      sdk = new Client({ apiUrl: server.url, apiKey: t.keys.all, callerOptions: { maxRetries: 0 } });
      sdk2 = new Client({ apiUrl: server.url, apiKey: u.keys.all, callerOptions: { maxRetries: 0 } });
      sdk3 = new Client({ apiUrl: server.url, apiKey: w.keys.all, callerOptions: { maxRetries: 0 } });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await h?.close();
    });

    it("assistants: one per agent graph, with its drawing and non-empty schemas", async () => {
      const found = await sdk.assistants.search({ limit: 20 });
      expect(found.map((a) => a.graph_id).sort()).toEqual(["cs", "marketing", "planner", "sales", "support"]);
      const sales = await sdk.assistants.get("sales");
      expect(sales.assistant_id).toBe(found.find((a) => a.graph_id === "sales")!.assistant_id);
      const graph = await sdk.assistants.getGraph(sales.assistant_id);
      const nodes = (graph.nodes as { id: string }[]).map((n) => n.id);
      expect(nodes).toEqual(
        expect.arrayContaining(["__start__", "prepare", "write_drafts", "await_approval", "finish"]),
      );
      expect(graph.edges).toContainEqual(
        expect.objectContaining({ source: "prepare", target: "score_leads" }),
      );
      const schemas = await sdk.assistants.getSchemas("sales");
      expect(Object.keys((schemas.input_schema as { properties: object }).properties)).toEqual(["target"]);
      expect(Object.keys((schemas.state_schema as { properties: object }).properties)).toEqual(
        expect.arrayContaining(["target", "drafts", "outcome"]),
      );
      expect((schemas.config_schema as { properties: object }).properties).toHaveProperty("configurable");
      expect(await status(sdk.assistants.get("nope"))).toBe(404);
    });

    let threadId = "";
    it("threads and runs: a background run waits for a person; its drafts are HumanInterrupts; accept and edit resume it", async () => {
      const thread = await sdk.threads.create({ metadata: { target: { kind: "all" }, purpose: "sdk" } });
      threadId = thread.thread_id;
      expect((await sdk.threads.get(threadId)).status).toBe("idle");
      const run = await sdk.runs.create(threadId, "sales");
      expect(["pending", "running"]).toContain(run.status);
      const joined = (await sdk.runs.join(threadId, run.run_id)) as Waited;
      const asks = joined.__interrupt__![0]!.value;
      expect(asks).toHaveLength(2);
      expect(asks[0]).toMatchObject({
        action_request: { action: "send_draft" },
        config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
      });
      expect(asks[0]!.description.length).toBeGreaterThan(0);

      const state = await sdk.threads.getState(threadId);
      expect(state.next).toEqual(["await_approval"]);
      expect(
        (state.tasks[0]!.interrupts[0]!.value as HumanInterrupt[]).map((i) => i.action_request.args.draft_id),
      ).toEqual(asks.map((a) => a.action_request.args.draft_id));
      const waiting = await sdk.threads.search({ metadata: { purpose: "sdk" }, status: "interrupted" });
      expect(waiting.map((x) => x.thread_id)).toEqual([threadId]);
      expect((await sdk.runs.get(threadId, run.run_id)).status).toBe("interrupted");

      const edited = "Hello again: a shorter note from a person.";
      const done = (await sdk.runs.wait(threadId, "sales", {
        command: {
          resume: [
            { type: "accept", args: null },
            {
              type: "edit",
              args: { action: "send_draft", args: { ...asks[1]!.action_request.args, body: edited } },
            },
          ],
        },
      })) as { outcome: { approved: number; edited: number; rejected: number } };
      expect(done.outcome).toMatchObject({ approved: 1, edited: 1, rejected: 0 });
      const outbox = await h.store.sql<{ draft_id: string; body: string }[]>`
      SELECT draft_id, payload->>'body' AS body FROM outbox WHERE tenant_id = ${book.tenantId} ORDER BY draft_id`;
      expect(outbox.find((o) => o.draft_id === asks[1]!.action_request.args.draft_id)?.body).toBe(edited);
      expect((await sdk.threads.get(threadId)).status).toBe("idle");
      const runs = await sdk.runs.list(threadId);
      expect(runs.map((r) => [r.run_id, r.status])).toEqual([[run.run_id, "success"]]);
      const history = await sdk.threads.getHistory(threadId, { limit: 50 });
      expect(history.length).toBeGreaterThan(5);
      expect(history[0]!.checkpoint!.thread_id).toBe(threadId);
    });

    it("another tenant's thread and run ids answer like missing ones; ignore and response reject its own drafts", async () => {
      const missing = "00000000-0000-4000-8000-000000000000";
      expect(await status(sdk2.threads.get(threadId))).toBe(404);
      expect(await status(sdk2.threads.get(missing))).toBe(404);
      expect(await status(sdk2.threads.getState(threadId))).toBe(404);
      expect(await status(sdk2.runs.list(threadId))).toBe(404);
      const mine = await sdk2.threads.create();
      const first = (await sdk2.runs.wait(mine.thread_id, "sales", {
        input: { target: { kind: "all" } },
      })) as Waited;
      expect(first.__interrupt__![0]!.value).toHaveLength(2);
      const done = (await sdk2.runs.wait(mine.thread_id, "sales", {
        command: {
          resume: [
            { type: "ignore", args: null },
            { type: "response", args: "not this quarter" },
          ],
        },
      })) as { outcome: { approved: number; rejected: number } };
      expect(done.outcome).toMatchObject({ approved: 0, rejected: 2 });
      const notes = await h.store.sql<{ status: string }[]>`
      SELECT status FROM drafts WHERE tenant_id = ${other.tenantId} ORDER BY id`;
      expect(notes.map((n) => n.status)).toEqual(["rejected", "rejected"]);
    });

    it("a stream dropped after its first update is joined again with Last-Event-ID: nothing missed, nothing twice", async () => {
      const thread = await sdk.threads.create({
        metadata: { target: { kind: "lead", id: book.leads.warm } },
      });
      const abort = new AbortController();
      const seen: { event: string; id?: string; data: unknown }[] = [];
      let runId = "";
      for await (const part of sdk.runs.stream(thread.thread_id, "sales", {
        streamMode: ["updates", "values", "custom"],
        streamResumable: true,
        signal: abort.signal,
        onRunCreated: (r) => void (runId = r.run_id),
      })) {
        seen.push(part as never);
        if (part.event === "updates") break;
      }
      abort.abort();
      const lastEventId = seen.at(-1)!.id!;
      expect(lastEventId).toMatch(/^\d+:\d+$/);
      const rest: typeof seen = [];
      for await (const part of sdk.runs.joinStream(thread.thread_id, runId, { lastEventId }))
        rest.push(part as never);
      const ids = [...seen, ...rest].map((p) => p.id).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
      const nodes = [...seen, ...rest]
        .filter((p) => p.event === "updates")
        .map((p) => Object.keys(p.data as object)[0]);
      expect(nodes).toEqual([
        "prepare",
        "score_leads",
        "score_deals",
        "propose_tasks",
        "write_drafts",
        "finish",
      ]);
      expect(rest.some((p) => p.event === "values")).toBe(true);
      expect(
        rest.filter((p) => p.event === "custom").map((p) => (p.data as { type: string }).type),
      ).toContain("run_succeeded");
      const full: string[] = [];
      for await (const part of sdk.runs.joinStream(thread.thread_id, runId, { streamMode: "events" }))
        full.push(part.event);
      expect(full[0]).toBe("metadata");
      expect(full.filter((e) => e === "events").length).toBe(7);
    });

    it("stateless runs.wait and runs.stream; cancel a run waiting for a person", async () => {
      const values = (await sdk.runs.wait(null, "sales", {
        input: { target: { kind: "lead", id: book.leads.warm } },
      })) as {
        target: unknown;
      };
      expect(values.target).toEqual({ kind: "lead", id: book.leads.warm });
      const events: string[] = [];
      for await (const p of sdk.runs.stream(null, "cs", {
        input: { target: { kind: "all" } },
        streamMode: "updates",
      }))
        events.push(p.event);
      expect(events[0]).toBe("metadata");
      expect(events.filter((e) => e === "updates").length).toBeGreaterThan(2);
      expect(await status(sdk.runs.wait(null, "sales", { input: { target: { kind: "planet" } } }))).toBe(400);

      const thread = await sdk3.threads.create({ metadata: { target: { kind: "all" } } });
      const waiting = (await sdk3.runs.wait(thread.thread_id, "sales")) as Waited;
      expect(waiting.__interrupt__).toHaveLength(1); // one interrupt, two drafts;
      const [run] = await sdk3.runs.list(thread.thread_id);
      await sdk3.runs.cancel(thread.thread_id, run!.run_id);
      const cancelled = await sdk3.runs.get(thread.thread_id, run!.run_id);
      expect(cancelled.status).toBe("interrupted");
      expect((cancelled.metadata as { crm: { status: string } }).crm.status).toBe("cancelled");
      await sdk3.threads.delete(thread.thread_id);
      expect(await status(sdk3.threads.get(thread.thread_id))).toBe(404);
    });

    it("store: put, get, search by filter and by meaning, namespaces, delete; a tenant's namespaces are its own", async () => {
      await sdk.store.putItem(["notes", "acme"], "pricing", {
        text: "Acme asked about volume pricing and discounts",
        kind: "call",
      });
      await sdk.store.putItem(["notes", "acme"], "outage", {
        text: "Acme reported a login outage after the update",
        kind: "ticket",
      });
      await sdk.store.putItem(["notes", "globex"], "renewal", {
        text: "Globex renewal is due in March",
        kind: "call",
      });
      expect((await sdk.store.getItem(["notes", "acme"], "pricing"))?.value).toMatchObject({
        kind: "call",
      });
      const calls = await sdk.store.searchItems(["notes"], { filter: { kind: "call" } });
      expect(calls.items.map((i) => i.key).sort()).toEqual(["pricing", "renewal"]);
      const near = await sdk.store.searchItems(["notes", "acme"], {
        query: "login outage after the update",
      });
      expect(near.items[0]!.key).toBe("outage");
      expect(near.items[0]!.score).toBeGreaterThan(near.items[1]!.score!);
      const ns = await sdk.store.listNamespaces({ prefix: ["notes"] });
      expect(ns.namespaces).toEqual([
        ["notes", "acme"],
        ["notes", "globex"],
      ]);
      expect((await sdk2.store.searchItems(["notes"])).items).toEqual([]);
      expect(await status(sdk2.store.getItem(["notes", "acme"], "pricing"))).toBe(404);
      await sdk.store.deleteItem(["notes", "globex"], "renewal");
      expect(await status(sdk.store.getItem(["notes", "globex"], "renewal"))).toBe(404);
    });

    it("crons onto schedules: a cron fires a run of its agent; createForThread, search, delete", async () => {
      const cron = await sdk3.crons.create("cs", {
        schedule: "* * * * * *",
        input: { target: { kind: "all" } },
      });
      expect(cron.schedule).toBe("* * * * * *");
      const w = await h.store.sql<{ id: string }[]>`SELECT id FROM tenants WHERE slug = 'sdk-c'`;
      for (let i = 0; i < 200; i++) {
        const [fired] = await h.store.sql`
        SELECT id FROM agent_runs WHERE tenant_id = ${w[0]!.id} AND agent = 'cs' AND trigger = 'schedule'`;
        if (fired) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const fired = await h.store
        .sql`SELECT id FROM agent_runs WHERE tenant_id = ${w[0]!.id} AND trigger = 'schedule'`;
      expect(fired.length).toBeGreaterThan(0);
      await sdk3.crons.delete(cron.cron_id);
      const thread = await sdk.threads.create({
        metadata: { target: { kind: "lead", id: book.leads.cold } },
      });
      const nightly = await sdk.crons.createForThread(thread.thread_id, "sales", {
        schedule: "0 3 * * *",
        timezone: "Europe/Berlin",
      });
      expect(nightly.thread_id).toBe(thread.thread_id);
      const found = await sdk.crons.search({ threadId: thread.thread_id });
      expect(found.map((c) => [c.cron_id, c.timezone])).toEqual([[nightly.cron_id, "Europe/Berlin"]]);
      expect(await sdk3.crons.search()).toEqual([]);
      expect(
        await status(
          sdk.crons.create("sales", { schedule: "every day", input: { target: { kind: "all" } } }),
        ),
      ).toBe(400);
      await sdk.crons.delete(nightly.cron_id);
      expect(await sdk.crons.search({ threadId: thread.thread_id })).toEqual([]);
    });

    it("multitask: reject answers 409 on a busy target, enqueue waits behind it; the routes are in the OpenAPI document; Bearer works too", async () => {
      const target = { kind: "deal", id: book.deals.stalled };
      // another worker's run holds the target (a row as a running leg leaves it)
      const [busy] = await h.store.sql<{ id: string }[]>`
      INSERT INTO agent_runs (tenant_id, agent, target, trigger, budget, status, started_at)
      VALUES (${book.tenantId}, 'sales', ${h.store.sql.json(target)}, 'api', '{}', 'running', now()) RETURNING id`;
      const thread = await sdk.threads.create({ metadata: { target } });
      const refused = await sdk.runs
        .create(thread.thread_id, "sales", { multitaskStrategy: "reject" })
        .catch((e: Error & { status: number }) => e);
      expect((refused as { status: number }).status).toBe(409);
      const queued = await sdk.runs.create(thread.thread_id, "sales", { multitaskStrategy: "enqueue" });
      await new Promise((r) => setTimeout(r, 600));
      expect((await sdk.runs.get(thread.thread_id, queued.run_id)).status).toBe("pending");
      await h.store
        .sql`UPDATE agent_runs SET status = 'succeeded', finished_at = now() WHERE id = ${busy!.id}`;
      await sdk.runs.join(thread.thread_id, queued.run_id);
      expect(["success", "interrupted"]).toContain(
        (await sdk.runs.get(thread.thread_id, queued.run_id)).status,
      );
      expect(
        await status(sdk.runs.create(thread.thread_id, "sales", { multitaskStrategy: "rollback" })),
      ).toBe(422);
      const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/assistants/search",
          "/threads/{thread_id}/runs/stream",
          "/store/items/search",
          "/runs/crons",
        ]),
      );
      const bearer = await fetch(`${server.url}/assistants/search`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.keys.read}`, "content-type": "application/json" },
        body: "{}",
      });
      expect(bearer.status).toBe(200);
      const none = await fetch(`${server.url}/assistants/search`, { method: "POST", body: "{}" });
      expect(none.status).toBe(401);
    });
  },
);
