import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

// `crm train` says what it used, and refuses when most requested features are absent.
const root = fileURLToPath(new URL("../", import.meta.url));
const TELCO = resolve(root, "../shared/datasets/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv");

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "crm-train-cli-"));
  env = { CRM_DATA_DIR: join(dir, "data") };
  const lines = (await readFile(TELCO, "utf8")).split("\n");
  await writeFile(join(dir, "telco-800.csv"), lines.slice(0, 801).join("\n") + "\n");
  const imported = await crm(
    [
      "import",
      "csv",
      join(dir, "telco-800.csv"),
      "--mapping",
      resolve(root, "db/mappings/telco-churn.yaml"),
      "--tenant",
      "acme",
    ],
    env,
  );
  expect(imported.code, imported.stderr).toBe(0);
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("crm train", () => {
  it("--holdout 0.2 --seed 42 --json prints one JSON line of held-out figures", async () => {
    const r = await crm(
      ["train", "churn", "--tenant", "acme", "--holdout", "0.2", "--seed", "42", "--json"],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(j).toMatchObject({
      kind: "churn",
      rows: 800,
      train_rows: 640,
      test_rows: 160,
      features_source: "mappings",
      learner: "logistic-l2-platt",
    });
    expect(j.features_used).toEqual(
      expect.arrayContaining(["plan", "mrr", "attributes.tenure_months", "attributes.payment_method"]),
    );
    expect(j.features_used).not.toContain("name");
    expect(j.features_missing).toEqual([]);
    for (const k of ["test_roc_auc", "cv_roc_auc", "brier"]) expect(j[k]).toBeGreaterThan(0);
    expect(j.test_roc_auc).toBeGreaterThan(0.75);
    expect(j.brier).toBeLessThan(0.2);
  }, 300_000);

  it("refuses, naming the missing features, when most of a spec file's features are absent", async () => {
    const spec = join(dir, "spec.yaml");
    await writeFile(
      spec,
      [
        "features:",
        "  - { key: attributes.tenure_months, kind: numeric, transform: log1p }",
        "  - { key: attributes.nps_score, kind: numeric }",
        "  - { key: attributes.region_code, kind: categorical }",
        "  - { key: attributes.has_app, kind: boolean }",
      ].join("\n"),
    );
    const r = await crm(["train", "churn", "--tenant", "acme", "--features", spec], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /3 of 4 requested features have no values \(attributes\.nps_score, attributes\.region_code, attributes\.has_app\).*not activated/,
    );
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "features:\n  - { key: mrr, kind: number }\n");
    const b = await crm(["train", "churn", "--tenant", "acme", "--features", bad], env);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bad\.yaml: features\[0\]\.kind/);
    const leak = join(dir, "leak.yaml");
    await writeFile(
      leak,
      "features:\n  - { key: mrr, kind: numeric }\n  - { key: name, kind: categorical }\n",
    );
    const l = await crm(["train", "churn", "--tenant", "acme", "--features", leak], env);
    expect(l.code).toBe(1);
    expect(l.stderr).toMatch(/features\[1\]\.key: "name" is refused as a feature: an identifier/);
  }, 300_000);
});
