import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

// The negative control the eval gates are there for: `--shuffle-labels` trains the churn model on
// labels shuffled within its training part, so it learns nothing real. The same command with the
// honest model passes its gates; with the shuffled one `--check` must fail and name the metric.
// Each run imports the Telco file through its mapping into an in-memory store and trains once.
describe("crm eval --check (real binary)", () => {
  it("passes on the trained model, fails naming the metric on a model trained on shuffled labels, and compares the two", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-eval-"));
    const good = join(dir, "good");
    const worse = join(dir, "worse");

    const ok = await crm(["eval", "scoring.churn", "--check", "--out", good], {});
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ {2}scoring\.churn\.roc_auc +0\.8\d\d +baseline 0\.845 README: sklearn LR/m);
    expect(ok.stdout).toMatch(/gates: \d+ pass, 0 fail/);
    const report = JSON.parse(await readFile(join(good, "report.json"), "utf8"));
    const auc = report.suites[0].metrics.find((m: { name: string }) => m.name === "scoring.churn.roc_auc");
    expect(auc.value).toBeGreaterThan(0.83);
    expect(await readFile(join(good, "report.md"), "utf8")).toMatch(
      /\| scoring\.churn\.roc_auc \| .* \| 0\.8\d\d \| ≥ 0\.83 ✓ \| 0\.845 \(README/,
    );
    expect(await readFile(join(good, "charts", "scoring-churn-roc.svg"), "utf8")).toMatch(
      /^<svg [^>]*>\n<title>churn: ROC/,
    );

    const bad = await crm(["eval", "scoring.churn", "--check", "--shuffle-labels", "--out", worse], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /crm eval: gate failed: scoring\.churn\.roc_auc = 0\.[3-6]\d*, gate ≥ 0\.83: REGRESSION/,
    );

    const moved = await crm(["eval", "--compare", join(good, "report.json"), join(worse, "report.json")], {});
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(
      /^ {2}worse +scoring\.churn\.roc_auc +0\.8\d+ → 0\.[3-6]\d* \(-0\.[2-5]\d*\)$/m,
    );
  }, 600_000); // three processes, two of them training on Telco; minutes on a loaded 2-core machine

  it("refuses bad input with a named error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-eval-"));
    const unknown = await crm(["eval", "scoring.nope"], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /crm: unknown eval suite "scoring\.nope"; known: scoring, scoring\.churn, /,
    );

    const one = await crm(["eval", "--compare", join(dir, "a.json")], {});
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/--compare takes exactly two report files, got 1/);

    await writeFile(join(dir, "a.json"), '{"format":"crm-eval/1"}');
    const notReport = await crm(["eval", "--compare", join(dir, "a.json"), join(dir, "a.json")], {});
    expect(notReport.code).toBe(1);
    expect(notReport.stderr).toMatch(/a\.json: not an eval report: createdAt/);

    await writeFile(join(dir, "t.yaml"), "gates:\n  scoring.churn.roc_auc: { minimum: 0.8 }\n");
    const badGates = await crm(["eval", "scoring.churn", "--check", "--thresholds", join(dir, "t.yaml")], {});
    expect(badGates.code).toBe(1);
    expect(badGates.stderr).toMatch(/t\.yaml: gates\.scoring\.churn\.roc_auc: Unrecognized key: "minimum"/);

    const noData = await crm(
      ["eval", "scoring.churn", "--datasets", join(dir, "none"), "--out", join(dir, "r")],
      {},
    );
    expect(noData.code).toBe(1);
    expect(noData.stderr).toMatch(
      /dataset file .*none\/telco-churn\/WA_Fn-UseC_-Telco-Customer-Churn\.csv not found/,
    );
  }, 300_000); // five processes, each loading the CLI through tsx, on a busy 2-core machine
});
