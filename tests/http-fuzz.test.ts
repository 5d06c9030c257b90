import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSmallBook } from "./support/fixtures.ts";
import { keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";

/** Arbitrary request input never gets a 5xx: it is a 2xx, or a 4xx with the error body. */
describe("fuzzing the API with arbitrary input", () => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let task: string;
  const seen = new Map<number, number>();

  beforeAll(async () => {
    h = await openHttpApp("postgres", { rateLimit: { burst: 100_000, perSecond: 100_000 } });
    const book = await writeSmallBook(h.store.sql, "fuzz");
    t = await keyedTenant(h.store, "fuzz");
    const [row] = await h.store.sql<
      { id: string }[]
    >`SELECT id FROM tasks WHERE tenant_id = ${book.tenantId}`;
    task = row!.id;
  });
  afterAll(() => h?.close());

  async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const res = await h.app.request(path, {
      method,
      headers: { authorization: `Bearer ${t.keys.admin}`, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body }),
    });
    seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    const text = await res.text();
    expect(res.status, `${method} ${path} ${body ?? ""} → ${res.status} ${text}`).toBeLessThan(500);
    if (res.status >= 400) {
      const parsed = JSON.parse(text) as { error: { code: string; message: string } };
      expect(typeof parsed.error.code).toBe("string");
      expect(typeof parsed.error.message).toBe("string");
    }
  }

  // JSON near the valid shapes, so validation is exercised past its first check
  const target = fc.record(
    {
      kind: fc.oneof(
        fc.constantFrom("account", "lead", "deal", "ticket", "segment", "all", "contact"),
        fc.string(),
      ),
      id: fc.oneof(fc.uuid(), fc.string()),
      filter: fc.anything(),
    },
    { requiredKeys: [] },
  );
  const runBody = fc.oneof(
    fc.record(
      {
        agent: fc.oneof(fc.constantFrom("sales", "cs", "marketing", "support"), fc.string()),
        target: fc.oneof(target, fc.anything()),
        mode: fc.oneof(fc.constant("background"), fc.string()),
        idempotency_key: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
        policy: fc.oneof(fc.constantFrom("reject", "enqueue"), fc.anything()),
        budget: fc.oneof(
          fc.record(
            { max_llm_calls: fc.oneof(fc.integer(), fc.double()), max_wall_ms: fc.integer() },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
  const text = fc.string({ unit: "grapheme-ascii", maxLength: 40 });
  const query = fc.dictionary(
    fc.constantFrom("assignee", "status", "due_before", "due_after", "limit", "offset", "x"),
    text,
    { maxKeys: 4 },
  );

  it("POST /v1/runs, /v1/events and /v1/schedules, PUT /v1/event-rules: no 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(runBody, async (body) => {
        // keep the body's mode away from wait: waiting on a queue without a worker proves nothing here
        const b =
          body && typeof body === "object" && !Array.isArray(body) ? { ...body, mode: "background" } : body;
        await send("POST", "/v1/runs", JSON.stringify(b ?? null));
      }),
      { numRuns: 150, seed: 42 },
    );
    const event = fc.record(
      {
        type: fc.oneof(fc.constantFrom("lead.created", "ticket.created", "usage.reported"), fc.string()),
        id: fc.string(),
        data: fc.oneof(
          fc.record(
            { lead_id: fc.oneof(fc.uuid(), fc.string(), fc.integer()), account_id: fc.anything() },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => send("POST", "/v1/events", JSON.stringify(e))),
      { numRuns: 100, seed: 7 },
    );
    const schedule = fc.record(
      {
        name: fc.oneof(fc.constant("s1"), fc.string()),
        agent: fc.oneof(fc.constantFrom("cs", "plan", "sales"), fc.string()),
        cron: fc.oneof(fc.constantFrom("0 2 * * *", "*/5 * * * * *", "99 * * * *"), fc.string()),
        tz: fc.oneof(fc.constantFrom("UTC", "Europe/Berlin"), fc.string()),
        target: fc.oneof(target, fc.anything()),
        enabled: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(schedule, async (s) => send("POST", "/v1/schedules", JSON.stringify(s))),
      { numRuns: 100, seed: 9 },
    );
    const rules = fc.record({
      rules: fc.array(
        fc.record(
          {
            event_type: fc.oneof(fc.constant("lead.created"), fc.string()),
            agent: fc.oneof(fc.constantFrom("sales", "cs"), fc.string()),
            target_kind: fc.oneof(fc.constantFrom("lead", "account", "ticket"), fc.string()),
            target_field: fc.oneof(fc.constant("lead_id"), fc.string()),
            position: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(rules, async (r) => send("PUT", "/v1/event-rules", JSON.stringify(r))),
      { numRuns: 100, seed: 11 },
    );
  });

  it("GET /v1/tasks queries, PATCH /v1/tasks/:id, GET /v1/runs/:id/events ids and Last-Event-ID: no 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => send("GET", `/v1/tasks?${new URLSearchParams(q).toString()}`)),
      { numRuns: 150, seed: 1 },
    );
    const id = fc.oneof(
      fc.constant(task),
      fc.uuid(),
      text.filter((s) => s.length > 0),
    );
    await fc.assert(
      fc.asyncProperty(
        id,
        fc.oneof(
          fc.record({ status: fc.oneof(fc.constantFrom("open", "done"), fc.anything()) }),
          fc.anything(),
        ),
        async (i, body) => send("PATCH", `/v1/tasks/${encodeURIComponent(i)}`, JSON.stringify(body ?? null)),
      ),
      { numRuns: 150, seed: 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uuid(), text, async (i, last) =>
        send("GET", `/v1/runs/${i}/events`, undefined, { "last-event-id": last }),
      ),
      { numRuns: 60, seed: 3 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 5000 }), async (raw) => send("POST", "/v1/runs", raw)),
      { numRuns: 100, seed: 4 },
    );
    // the fuzzers reached both sides of validation
    expect(seen.get(400)).toBeGreaterThan(0);
    expect([...seen.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  });
});
