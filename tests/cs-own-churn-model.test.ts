import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { featureRecord, predictProbabilities, saveModel, trainKind } from "../agents/scoring/index.ts";
import { importCsv, parseMapping } from "../db/import/csv/index.ts";
import { getTenant, type Store } from "../db/index.ts";
import { csAgent } from "../graphs/cs/index.ts";
import { runAgent } from "../graphs/runtime/index.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

// A tenant whose only data is a CSV of its own churn history, under its own column names:
// cs scores its accounts with the churn model trained on those columns, and says so.
const root = fileURLToPath(new URL("../", import.meta.url));
const TELCO = resolve(root, "../shared/datasets/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv");
const OWN: Record<string, string> = {
  customerID: "Kundennummer",
  Contract: "Vertragsart",
  MonthlyCharges: "Monatsbetrag",
  tenure: "Monate dabei",
  InternetService: "Internetzugang",
  Churn: "Gekuendigt",
};

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openTestStore("pglite");
  dir = await mkdtemp(join(tmpdir(), "crm-own-churn-"));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("cs with a tenant's own churn model", () => {
  it("scores accounts with the model trained on the imported columns, reasons in the tenant's names", async () => {
    const [header, ...lines] = (await readFile(TELCO, "utf8")).split("\n");
    const file = join(dir, "kunden.csv");
    await writeFile(
      file,
      [
        header!
          .split(",")
          .map((h) => OWN[h] ?? `x_${h}`)
          .join(","),
        ...lines.slice(0, 1200),
      ].join("\n") + "\n",
    );
    await importCsv(store.sql, {
      file,
      tenant: "own",
      mapping: parseMapping({
        table: "accounts",
        externalId: { column: "Kundennummer" },
        fields: {
          name: { column: "Kundennummer" },
          plan: { column: "Vertragsart" },
          "attributes.monate": { column: "Monate dabei", type: "int" },
          "attributes.betrag": { column: "Monatsbetrag", type: "numeric" },
        },
        bag: { rest: true },
        outcomes: [
          {
            kind: "churned",
            column: "Gekuendigt",
            values: { Yes: true, No: false },
            knownAt: "2019-10-01T00:00:00Z",
          },
        ],
      }),
    });
    const tenant = await getTenant(store.sql, "own");
    const trained = await trainKind(store.sql, tenant.id, "churn");
    expect(trained.plan.source).toBe("mappings");
    const { artifact } = trained;
    await saveModel(store.sql, tenant.id, "churn", artifact, {
      cvAuc: artifact.training.cvAuc,
      cvAucSd: artifact.training.cvAucSd,
      rows: artifact.training.rows,
      positives: artifact.training.positives,
    });
    // a month-to-month fibre customer in the first months: high risk in this book
    const row = trained.rows.find(
      (r) =>
        r.record.plan === "Month-to-month" &&
        r.record["attributes.internetzugang"] === "Fiber optic" &&
        Number(r.record["attributes.monate"]) <= 2,
    )!;
    const deps = await testDeps(store, { now: () => new Date("2019-10-01T00:00:00Z") });
    const leg = await runAgent(deps, csAgent, {
      tenantId: tenant.id,
      target: { kind: "account", id: row.id },
    });
    const [score] = await store.sql<
      { model_version: string; probability: number; reasons: { factor: string }[] }[]
    >`
      SELECT model_version, probability::float8 AS probability, reasons FROM scores
      WHERE run_id = ${leg.run.id} AND kind = 'churn'`;
    expect(score!.model_version).toBe(artifact.version);
    expect(score!.model_version).toMatch(/^churn-[0-9a-f]{12}$/);
    const [expected] = predictProbabilities(artifact, [featureRecord(row)]);
    expect(score!.probability).toBeCloseTo(expected!, 3);
    expect(score!.probability).toBeGreaterThan(0.5);
    const factors = score!.reasons.map((r) => r.factor).join(" | ");
    expect(factors).toMatch(/Vertragsart: month-to-month|Monate dabei|x_InternetService: fiber optic/);
    expect(factors).not.toMatch(/fallback/);
    console.log(`cs churn p=${score!.probability} (${score!.model_version}): ${factors}`);
  }, 600_000);
});
