import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { countRunOutputs } from "../db/queries/outputs.ts";
import { salesAgent } from "../graphs/sales/index.ts";
import { continueRun, decideRunDrafts, type Deps } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook } from "./support/sales-book.ts";
import { auditOf, draftsOf, runSales, scoresOf, tasksOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

/** Open leads (7) and open deals (5) of the sales book: one score each per run. */
const SCORED = 12;

/**
 * "No duplicates" across runs: scores are history (one row per entity per run, the same values
 * for the same data); tasks are updated in place by their dedupe key; an entity drafted for in
 * an earlier run (pending or decided, within the cooldown) gets no second draft. Within one run
 * (resume, continue after a crash) every write is keyed on (run, node, entity): nothing repeats.
 */
describe.each(STORE_KINDS)("sales reruns and crash recovery on %s", (kind) => {
  let store: Store;
  let deps: Deps;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => SALES_AS_OF });
  });
  afterAll(() => store?.close());

  it("a second run on the same book updates the open tasks, adds score history and drafts nothing new", async () => {
    const b = await writeSalesBook(store.sql, "rerun");
    const first = await runSales(deps, b.tenantId, { kind: "all" });
    const tasks1 = await tasksOf(store.sql, b.tenantId);
    const drafts1 = await draftsOf(store.sql, b.tenantId);
    const second = await runSales(deps, b.tenantId, { kind: "all" });
    expect(second.run.id).not.toBe(first.run.id);
    // the first run's drafts still wait for a person: the second writes none and does not interrupt
    expect(second.run.status).toBe("succeeded");
    expect(await draftsOf(store.sql, b.tenantId)).toEqual(drafts1);
    const skipped = second.values.skipped as { what: string; entity_id: string; reason: string }[];
    expect(skipped.find((s) => s.entity_id === b.leads.hot)!.reason).toMatch(
      /^already drafted 2026-\d\d-\d\d \(draft .*, pending\), within 7 days$/,
    );
    const tasks2 = await tasksOf(store.sql, b.tenantId);
    expect(tasks2.map((t) => t.id)).toEqual(tasks1.map((t) => t.id));
    // run_id keeps the run that proposed each task first; the rerun's outputs list them too (0016)
    expect(tasks2.every((t) => t.run_id === first.run.id)).toBe(true);
    expect((await countRunOutputs(store.sql, second.run.id)).tasks).toBe(tasks1.length);
    const [s1, s2] = [await scoresOf(store.sql, first.run.id), await scoresOf(store.sql, second.run.id)];
    expect([s1.size, s2.size]).toEqual([SCORED, SCORED]);
    for (const [entity, score] of s1)
      expect(s2.get(entity)).toMatchObject({ value: score.value, reasons: score.reasons });
  });

  it("after approval, a later run neither re-drafts nor duplicates the follow-ups", async () => {
    const b = await writeSalesBook(store.sql, "after-approval");
    const first = await runSales(deps, b.tenantId, { kind: "all" });
    const ids = (await draftsOf(store.sql, b.tenantId)).map((d) => ({
      draftId: d.id,
      decision: "approve" as const,
    }));
    await decideRunDrafts(deps, salesAgent, b.tenantId, first.run.id, ids, "user:test");
    const before = await tasksOf(store.sql, b.tenantId);
    const second = await runSales(deps, b.tenantId, { kind: "all" });
    expect(second.run.status).toBe("succeeded");
    expect(await draftsOf(store.sql, b.tenantId)).toHaveLength(2);
    expect((await tasksOf(store.sql, b.tenantId)).map((t) => t.id)).toEqual(before.map((t) => t.id));
  });

  it("continues after a crash in the middle of a node: the node re-runs, nothing is written twice", async () => {
    const b = await writeSalesBook(store.sql, "crash");
    // the third task insert of the tenant fails once: two tasks are committed before the crash
    await store.sql.unsafe(`
      CREATE SEQUENCE sales_crash_seq;
      GRANT USAGE ON SEQUENCE sales_crash_seq TO crm_tenant;
      CREATE FUNCTION sales_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.tenant_id = '${b.tenantId}' AND nextval('sales_crash_seq') = 3 THEN
          RAISE EXCEPTION 'simulated worker crash';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER sales_crash_once BEFORE INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION sales_crash_once();`);
    try {
      const failed = await runSales(deps, b.tenantId, { kind: "all" });
      expect(failed.run.status).toBe("failed");
      expect(String(failed.run.error!.message)).toContain("simulated worker crash");
      expect(await tasksOf(store.sql, b.tenantId)).toHaveLength(2);
      const leg = await continueRun(deps, salesAgent, b.tenantId, failed.run.id);
      expect(leg.run.status).toBe("interrupted");
      const tasks = await tasksOf(store.sql, b.tenantId);
      expect(tasks).toHaveLength(5);
      expect(new Set(tasks.map((t) => t.dedupe_key)).size).toBe(5);
      expect((await scoresOf(store.sql, failed.run.id)).size).toBe(SCORED);
      expect(await draftsOf(store.sql, b.tenantId)).toHaveLength(2);
      const audited = await auditOf(store.sql, failed.run.id, "task.proposed");
      expect(audited).toHaveLength(5);
      const [scoreAudits] = await store.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log WHERE run_id = ${failed.run.id} AND action = 'score.recorded'`;
      expect(scoreAudits!.n).toBe(SCORED);
    } finally {
      await store.sql.unsafe(
        `DROP TRIGGER sales_crash_once ON tasks; DROP FUNCTION sales_crash_once(); DROP SEQUENCE sales_crash_seq;`,
      );
    }
  });
});
