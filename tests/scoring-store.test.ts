import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHURN_MODEL,
  LEAD_MODEL,
  brierScore,
  loadChurnRows,
  loadLeadRows,
  parseArtifact,
  predictProbabilities,
  rocAuc,
  serializeArtifact,
  stratifiedSplit,
  trainModel,
  type ModelDefinition,
  type TrainingRow,
} from "../agents/scoring/index.ts";
import { importCsv } from "../db/import/csv/index.ts";
import type { Store } from "../db/index.ts";
import { openTestStore } from "./support/stores.ts";

// Training from the store: real CSV slices imported through their mappings into real PGlite.
const root = fileURLToPath(new URL("../", import.meta.url));
const datasets = resolve(root, "../shared/datasets");
const TELCO = resolve(datasets, "telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv");
const LEADS = resolve(datasets, "leads-x-education/Leads.csv");

/** Writes the header and data lines [from, to) of a CSV to `dir`, keeping its line endings. */
async function slice(file: string, dir: string, name: string, from: number, to: number): Promise<string> {
  const text = await readFile(file, "utf8");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const out = join(dir, name);
  await writeFile(out, [lines[0], ...lines.slice(1 + from, 1 + to)].join(eol) + eol);
  return out;
}

/** Held-out AUC and Brier (with the no-skill Brier) of a model trained on a seeded 80/20 split. */
function holdout(definition: ModelDefinition, rows: TrainingRow[]) {
  const labels = rows.map((r) => (r.label ? 1 : 0));
  const { train, test } = stratifiedSplit(labels, 0.2, 42);
  const { artifact } = trainModel(
    definition,
    train.map((i) => rows[i]!),
  );
  const p = predictProbabilities(
    artifact,
    test.map((i) => rows[i]!.record),
  );
  const y = test.map((i) => labels[i]!);
  const rate = artifact.training.positives / artifact.training.rows;
  return {
    artifact,
    p,
    auc: rocAuc(p, y),
    brier: brierScore(p, y),
    noSkill: brierScore(
      y.map(() => rate),
      y,
    ),
  };
}

describe("scoring models trained from the store (PGlite)", () => {
  let store: Store;
  let dir: string;
  const tenants: Record<string, string> = {};
  beforeAll(async () => {
    store = await openTestStore("pglite");
    dir = await mkdtemp(join(tmpdir(), "scoring-"));
    const imports = [
      { tenant: "acme", file: await slice(TELCO, dir, "telco-a.csv", 0, 2500), mapping: "telco-churn" },
      { tenant: "other", file: await slice(TELCO, dir, "telco-b.csv", 2500, 2800), mapping: "telco-churn" },
      { tenant: "acme", file: await slice(LEADS, dir, "leads-a.csv", 0, 3000), mapping: "leads-x-education" },
    ];
    for (const i of imports) {
      const mapping = resolve(root, `db/mappings/${i.mapping}.yaml`);
      const result = await importCsv(store.sql, { file: i.file, mapping, tenant: i.tenant });
      tenants[i.tenant] = result.tenant.id;
    }
  });
  afterAll(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads one tenant's accounts with their churn outcome, attributes flattened", async () => {
    const rows = await loadChurnRows(store.sql, tenants.acme!);
    expect(rows).toHaveLength(2500);
    const other = await loadChurnRows(store.sql, tenants.other!);
    expect(other).toHaveLength(300);
    const keys = new Set(rows.map((r) => r.key));
    expect(other.some((r) => keys.has(r.key))).toBe(false);
    const first = rows.find((r) => r.key === "7590-VHVEG")!;
    expect(first).toMatchObject({ label: false, knownAt: new Date("2019-10-01T00:00:00Z") });
    expect(first.record).toMatchObject({ plan: "Month-to-month", mrr: 29.85, "attributes.tenure_months": 1 });
    expect(rows.filter((r) => r.label).length / rows.length).toBeGreaterThan(0.2);
  });

  it("cuts at a point in time and never exposes label-bearing columns", async () => {
    expect(await loadChurnRows(store.sql, tenants.acme!, { asOf: new Date("2019-09-30T00:00:00Z") })).toEqual(
      [],
    );
    await store.sql`UPDATE accounts SET lifecycle_stage = 'churned' WHERE tenant_id = ${tenants.acme!}`;
    await store.sql`UPDATE leads SET status = 'converted' WHERE tenant_id = ${tenants.acme!}`;
    const [account] = await loadChurnRows(store.sql, tenants.acme!);
    const [lead] = await loadLeadRows(store.sql, tenants.acme!);
    expect(Object.keys(account!.record)).not.toContain("lifecycle_stage");
    expect(Object.keys(lead!.record)).not.toContain("status");
    expect(Object.keys(lead!.record).some((k) => /tags|quality|asymmetrique|notable/i.test(k))).toBe(false);
  });

  it("the churn model beats a simple baseline on held-out accounts", async () => {
    const rows = await loadChurnRows(store.sql, tenants.acme!);
    const { artifact, p, auc, brier, noSkill } = holdout(CHURN_MODEL, rows);
    expect(auc).toBeGreaterThan(0.75);
    expect(brier).toBeLessThan(noSkill);
    const test = stratifiedSplit(
      rows.map((r) => (r.label ? 1 : 0)),
      0.2,
      42,
    ).test.map((i) => rows[i]!.record);
    expect(predictProbabilities(parseArtifact(serializeArtifact(artifact)), test)).toEqual(p);
  });

  it("the lead model beats a simple baseline on held-out leads", async () => {
    const rows = await loadLeadRows(store.sql, tenants.acme!);
    expect(rows).toHaveLength(3000);
    expect(rows[0]!.record["fields.lead_number"]).toEqual(expect.any(Number)); // in the store …
    const { artifact, auc, brier, noSkill } = holdout(LEAD_MODEL, rows);
    expect(artifact.features.map((f) => f.key)).not.toContain("fields.lead_number"); // … but an id, not a feature
    expect(auc).toBeGreaterThan(0.75);
    expect(brier).toBeLessThan(noSkill);
  });
});
