import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { runModelFaults, SCENARIOS } from "../drills/lib/api-model-faults.ts";
import { openTestStore } from "./support/stores.ts";

// The model-faults drill (drills/model-faults.ts) as a test: the same scenarios and checks.
describe("drill: model faults through the runtime", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore("postgres");
  });
  afterAll(() => store?.close());

  it("retries, falls back offline labelled degraded, and every run ends in bounded time", async () => {
    const results = await runModelFaults(store, SCENARIOS);
    expect(results.map((r) => r.scenario)).toEqual(SCENARIOS.map((s) => s.name));
    for (const r of results) expect(r.problems, r.scenario).toEqual([]);
  }, 120_000);
});
