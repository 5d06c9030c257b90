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
  }, 300_000);
});
