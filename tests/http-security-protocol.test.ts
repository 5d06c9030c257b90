import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRunEvent } from "../db/queries/run-events.ts";
import { parseConfig } from "../server/config.ts";
import { createApp, type App } from "../server/http/app.ts";
import { createLogger } from "../server/logger.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { listen } from "./support/http-server.ts";
import { parseSse } from "./support/http-sse.ts";

const ORIGIN = "https://crm.example.com";
type ApiErr = { error: { code: string; message: string; field?: string } };

describe("HTTP protocol: content type, required fields, CORS, SSE on a finished run", () => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let finished: string;

  beforeAll(async () => {
    h = await openHttpApp("postgres");
    t = await keyedTenant(h.store, "protocol");
    const [run] = await h.store.sql<{ id: string }[]>`
      INSERT INTO agent_runs (tenant_id, agent, target, status, started_at, finished_at)
      VALUES (${t.tenantId}, 'sales', '{"kind":"all"}', 'succeeded', now(), now()) RETURNING id::text`;
    finished = run!.id;
    for (const type of ["run_started", "node_finished", "run_succeeded"])
      await appendRunEvent(h.store.sql, t.tenantId, finished, type, { n: type });
  });
  afterAll(() => h?.close());

  it("a /v1 body that is not JSON is a 415 naming the content type to send", async () => {
    const plain = await call<ApiErr>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: "agent=sales",
      headers: { "content-type": "text/plain" },
    });
    expect(plain.status).toBe(415);
    expect(plain.body.error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", field: "content-type" });
    expect(plain.body.error.message).toContain('"Content-Type: application/json"');
    expect(plain.body.error.message).toContain('got "text/plain"');
    // no header at all, in process (bytes: a string body would be labelled text/plain)
    const res = await h.app.request("/v1/runs", {
      method: "POST",
      headers: { authorization: `Bearer ${t.keys.write}` },
      body: new TextEncoder().encode(JSON.stringify({ agent: "sales", target: { kind: "all" } })),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ApiErr).error.message).toMatch(/application\/json.*none was sent/);
    // over a socket, as `curl -d` sends it (form encoding, with a Content-Length)
    const server = await listen(h.app);
    try {
      const form = await fetch(`${server.url}/v1/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${t.keys.write}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: '{"type":"ticket.created"}',
      });
      expect(form.status).toBe(415);
      expect(((await form.json()) as ApiErr).error.message).toContain("application/x-www-form-urlencoded");
      // a POST without a body needs no content type
      const cancel = await fetch(`${server.url}/v1/runs/${finished}/cancel`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.keys.write}` },
      });
      expect(cancel.status).not.toBe(415);
      await cancel.body?.cancel();
    } finally {
      await server.close();
    }
    const charset = await call(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "nobody", target: { kind: "all" } },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(charset.status).toBe(400); // read as JSON: the agent is what is wrong
  });

  it('a missing required field says "required", at any depth; a wrong value does not', async () => {
    const missing = await call<ApiErr>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { target: { kind: "all" } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("agent");
    expect(missing.body.error.message).toMatch(/^body "agent": required/);
    const nested = await call<ApiErr>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: {} },
    });
    expect(nested.body.error).toMatchObject({ field: "target.kind" });
    expect(nested.body.error.message).toMatch(/^body "target.kind": required/);
    const wrong = await call<ApiErr>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "nobody", target: { kind: "all" } },
    });
    expect(wrong.body.error.field).toBe("agent");
    expect(wrong.body.error.message).not.toContain("required");
  });

  it("CORS is off by default; configured origins get a preflight answered before auth", async () => {
    const preflight = (app: App, origin: string) =>
      app.request("/v1/runs", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
    const off = await preflight(h.app, ORIGIN);
    expect(off.status).toBe(401); // no CORS: the preflight meets auth like any request
    expect(off.headers.get("access-control-allow-origin")).toBeNull();

    const config = parseConfig({ CRM_CORS_ORIGINS: `${ORIGIN}, http://localhost:5173` });
    expect(config.CRM_CORS_ORIGINS).toEqual([ORIGIN, "http://localhost:5173"]);
    const app = createApp({ deps: h.deps, queue: h.queue, config, logger: createLogger("silent") });
    const ok = await preflight(app, ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const stranger = await preflight(app, "https://evil.example");
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const get = await app.request("/v1/tasks", {
      headers: { origin: ORIGIN, authorization: `Bearer ${t.keys.read}` },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(get.headers.get("access-control-expose-headers")).toContain("RateLimit-Remaining");
    const anonymous = await app.request("/v1/tasks", { headers: { origin: ORIGIN } });
    expect(anonymous.status).toBe(401); // CORS opens no door: every actual request still needs a key
    expect(() => parseConfig({ CRM_CORS_ORIGINS: "https://crm.example.com/app" })).toThrow(
      /CRM_CORS_ORIGINS: each origin must be scheme:\/\/host/,
    );
  });

  it("over a real socket: a finished run's stream ends with 204, and an EventSource stops reconnecting", async () => {
    const server = await listen(h.app);
    const auth = { authorization: `Bearer ${t.keys.read}` };
    const url = `${server.url}/v1/runs/${finished}/events`;
    try {
      // a client that missed events rejoins and gets exactly those
      const rejoin = await fetch(url, { headers: { ...auth, "last-event-id": "1" } });
      expect(rejoin.status).toBe(200);
      expect(parseSse(await rejoin.text()).map((e) => e.id)).toEqual(["2", "3"]);
      const atEnd = await fetch(url, { headers: { ...auth, "last-event-id": "3" } });
      expect(atEnd.status).toBe(204);
      expect(await atEnd.text()).toBe("");

      // a standard EventSource client: gets every event, reconnects once with Last-Event-ID 3,
      // is answered 204 and closes for good
      const requests: (string | null)[] = [];
      const source = new EventSource(url, {
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          requests.push(headers.get("last-event-id"));
          headers.set("authorization", auth.authorization);
          return fetch(input, { ...init, headers });
        },
      });
      const seen: string[] = [];
      for (const type of ["run_started", "node_finished", "run_succeeded"])
        source.addEventListener(type, (e) => seen.push(e.lastEventId));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("EventSource never closed")), 10_000);
        source.onerror = () => {
          if (source.readyState !== EventSource.CLOSED) return; // the reconnect after the stream ended
          clearTimeout(timer);
          resolve();
        };
      });
      expect(seen).toEqual(["1", "2", "3"]);
      expect(requests).toEqual([null, "3"]);
      source.close();
    } finally {
      await server.close();
    }
  });
});
