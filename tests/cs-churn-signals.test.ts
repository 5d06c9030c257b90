import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChurnSignalRows } from "../agents/scoring/data/account-signals.ts";
import {
  brierScore,
  predictProbabilities,
  rocAuc,
  saveModel,
  stratifiedSplit,
  trainModel,
} from "../agents/scoring/index.ts";
import { CHURN_SIGNALS_MODEL } from "../agents/scoring/models/churn-signals.ts";
import { ensureTenant, type Store } from "../db/index.ts";
import { seedBook } from "../db/seed/index.ts";
import { csAgent } from "../graphs/cs/index.ts";
import { runAgent } from "../graphs/runtime/index.ts";
import { CS_NOW, setCsSettings, writeCsBook } from "./support/cs-book.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("churn-signals model on a seeded book on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "cs-signals", name: "Signals" })).id;
    await seedBook(store.sql, { tenantId, accounts: 1500 });
  });
  afterAll(() => store?.close());

  it("trains on recorded renewals and churns and beats AUC 0.7 on held-out accounts", async () => {
    const rows = await loadChurnSignalRows(store.sql, tenantId);
    const labels = rows.map((r) => (r.label ? 1 : 0));
    expect(rows.length).toBeGreaterThan(600);
    const { train, test } = stratifiedSplit(labels, 0.25, 42);
    const { artifact } = trainModel(
      CHURN_SIGNALS_MODEL,
      train.map((i) => rows[i]!),
    );
    const p = predictProbabilities(
      artifact,
      test.map((i) => rows[i]!.record),
    );
    const y = test.map((i) => labels[i]!);
    const rate = artifact.training.positives / artifact.training.rows;
    expect(rocAuc(p, y)).toBeGreaterThan(0.7);
    expect(brierScore(p, y)).toBeLessThan(
      brierScore(
        y.map(() => rate),
        y,
      ),
    );
  });

  it("leaks no label: rows dated after each cut and rewritten snapshot columns change nothing", async () => {
    const before = await loadChurnSignalRows(store.sql, tenantId);
    const churned = before.filter((r) => r.label).slice(0, 20);
    for (const r of churned) {
      const cut = new Date(r.knownAt.getTime() - 30 * 86_400_000);
      await store.sql`INSERT INTO tickets (tenant_id, account_id, subject, body, status, priority, category, created_at)
                      VALUES (${tenantId}, ${r.id}, 'late', 'after the cut', 'open', 'critical', 'cancellation', ${cut})`;
      await store.sql`INSERT INTO activities (tenant_id, account_id, kind, occurred_at) VALUES (${tenantId}, ${r.id}, 'meeting', ${cut})`;
      await store.sql`UPDATE product_usage SET active_users = active_users + 1000, seats_used = 0
                      WHERE tenant_id = ${tenantId} AND account_id = ${r.id}
                        AND period_start >= date_trunc('month', ${cut}::timestamptz AT TIME ZONE 'UTC')::date`;
    }
    await store.sql`UPDATE accounts SET mrr = 123, arr = 1476, renewal_date = '2030-01-01', lifecycle_stage = 'customer'
                    WHERE tenant_id = ${tenantId}`;
    expect(await loadChurnSignalRows(store.sql, tenantId)).toEqual(before);
  });

  it("the agent applies the tenant's trained model, and falls back when it is below the policy's bar", async () => {
    const rows = await loadChurnSignalRows(store.sql, tenantId);
    const { artifact } = trainModel(CHURN_SIGNALS_MODEL, rows);
    const { cvAuc, cvAucSd, positives } = artifact.training;
    // the model goes to a small tenant: the runtime indexes a tenant's texts on its first run
    const book = await writeCsBook(store.sql, "cs-learned");
    await saveModel(store.sql, book.tenantId, "churn-signals", artifact, {
      cvAuc,
      cvAucSd,
      rows: rows.length,
      positives,
    });
    const deps = await testDeps(store, { now: () => CS_NOW });
    const churnOf = async () => {
      const leg = await runAgent(deps, csAgent, {
        tenantId: book.tenantId,
        target: { kind: "account", id: book.accounts.risky },
      });
      const [score] = await store.sql<
        { model_version: string; probability: number; reasons: { factor: string }[] }[]
      >`
        SELECT model_version, probability::float8 AS probability, reasons FROM scores
        WHERE run_id = ${leg.run.id} AND kind = 'churn'`;
      return score!;
    };
    const learned = await churnOf();
    expect(learned.model_version).toBe(artifact.version);
    expect(learned.model_version).toMatch(/^churn-signals-[0-9a-f]{12}$/);
    expect(learned.probability).toBeGreaterThan(0.5); // usage halved, 30 % of seats, quiet for 120 days
    expect(learned.reasons.map((r) => r.factor).join(" | ")).toMatch(/active users|seats used|tenure/);

    await setCsSettings(store.sql, book.tenantId, { churn: { minTrainingRows: 100_000 } });
    const fallback = await churnOf();
    expect(fallback.model_version).toBe("churn-heuristic-v1 (fallback)");
    expect(fallback.reasons[0]!.factor).toContain(`${artifact.version} saw ${rows.length} outcomes`);
  });
});
