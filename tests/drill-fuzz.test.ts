import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzApi } from "../drills/lib/api-fuzz.ts";
import { fuzzKnownIds } from "../drills/lib/api-fuzz-known.ts";
import { openHttpApp, type HttpHarness } from "./support/http-app.ts";

// The fuzz drill (drills/fuzz.ts) as a test, with fewer requests per route: every route of the
// OpenAPI document, no 5xx, no hung request, and every 4xx names the field.
describe("drill: fuzz every route of the OpenAPI document", () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await openHttpApp("postgres", { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } });
  });
  afterAll(() => h?.close());

  it("answers 2xx or a 4xx that names the field, never a 5xx", async () => {
    const { key, known } = await fuzzKnownIds(h);
    const report = await fuzzApi(h.app, key, known, { runs: 40, seed: 7 });
    expect(report.routes.length).toBeGreaterThanOrEqual(23);
    expect(report.failures.map((f) => `${f.route}: ${f.problem} ← ${JSON.stringify(f.request)}`)).toEqual([]);
    expect(report.statuses["400"]).toBeGreaterThan(0);
    expect(report.routes.filter((r) => r["2xx"] > 0).length).toBeGreaterThan(5);
    // the book's lists and one account or lead are reached past validation, with real ids
    const tally = new Map(report.routes.map((r) => [r.route, r]));
    for (const route of [
      "GET /v1/accounts",
      "GET /v1/accounts/{id}",
      "GET /v1/leads",
      "GET /v1/leads/{id}",
      "GET /v1/deals",
      "GET /v1/tickets",
      "GET /v1/contacts",
      "GET /v1/people",
      "GET /v1/scores",
      "PATCH /v1/tasks/{id}",
    ]) {
      expect(tally.get(route)?.["5xx"], route).toBe(0);
      expect(tally.get(route)?.["4xx"], route).toBeGreaterThan(0);
    }
    const reached = [...tally.values()].filter((r) =>
      /^(GET|PATCH) \/v1\/(accounts|leads|deals|tickets|contacts|people|scores|tasks)/.test(r.route),
    );
    expect(reached.reduce((n, r) => n + r["2xx"], 0)).toBeGreaterThan(5);
  }, 300_000);
});
