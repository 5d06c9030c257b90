import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainKind } from "../agents/scoring/index.ts";
import { importCsv, loadMapping, parseMapping } from "../db/import/csv/index.ts";
import { getTenant, type Store } from "../db/index.ts";
import { openTestStore } from "./support/stores.ts";

// Bring your own data: the same file under other column names, declared in a mapping only,
// trains the same model — nothing in scoring depends on the built-in names.
const root = fileURLToPath(new URL("../", import.meta.url));
const TELCO = resolve(root, "../shared/datasets/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv");
const MAPPING = resolve(root, "db/mappings/telco-churn.yaml");

/** Every header column gets a new name; the data lines stay as they are. */
const RENAMED: Record<string, string> = {};
const renamed = (name: string) =>
  (RENAMED[name] ??= `Kolonne ${Object.keys(RENAMED).length + 1} ${name.length}`);

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openTestStore("pglite");
  dir = await mkdtemp(join(tmpdir(), "crm-byod-"));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a tenant's own column names", () => {
  it("Telco with every column renamed, in a mapping only, gets the built-in mapping's test AUC", async () => {
    const text = await readFile(TELCO, "utf8");
    const [header, ...lines] = text.split("\n");
    const file = join(dir, "churn-history.csv");
    await writeFile(file, [header!.split(",").map(renamed).join(","), ...lines].join("\n"));
    const builtIn = await loadMapping(MAPPING);
    const fields = Object.fromEntries(
      Object.entries(builtIn.fields).map(([key, spec], i) => [
        key.startsWith("attributes.") ? `attributes.typed_${i}` : key,
        { ...spec, column: renamed(spec.column!) },
      ]),
    );
    const mapping = parseMapping({
      table: "accounts",
      externalId: { column: renamed("customerID") },
      fields,
      bag: { rest: true },
      outcomes: builtIn.outcomes.map((o) => ({ ...o, column: renamed(o.column) })),
    });
    expect(Object.keys(RENAMED)).toHaveLength(21);
    expect(Object.keys(fields)).toHaveLength(Object.keys(builtIn.fields).length);

    const [a, b] = await Promise.all([
      importCsv(store.sql, { file: TELCO, mapping: MAPPING, tenant: "builtin" }),
      importCsv(store.sql, { file, mapping, tenant: "renamed" }),
    ]);
    expect([a.rowsImported, b.rowsImported]).toEqual([7043, 7043]);
    const train = async (slug: string) =>
      trainKind(store.sql, (await getTenant(store.sql, slug)).id, "churn", { holdout: 0.2, seed: 42 });
    const mine = await train("renamed");
    const theirs = await train("builtin");

    for (const t of [mine, theirs]) {
      expect(t.plan.source).toBe("mappings");
      expect(t.plan.used).toHaveLength(20);
      expect(t.plan.missing).toEqual([]);
      expect(t.plan.refused.map((r) => r.reason)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^an identifier/),
          expect.stringMatching(/^an outcome label/),
        ]),
      );
    }
    // the tenant's own names, not the built-in ones, are the features and their labels
    expect(mine.plan.used.map((f) => f.key).some((k) => /tenure|contract/i.test(k))).toBe(false);
    expect(mine.artifact.features.map((f) => f.label)).toContain(renamed("Contract"));
    expect(mine.split).toEqual(theirs.split);
    expect(Math.abs(mine.test!.rocAuc - theirs.test!.rocAuc)).toBeLessThanOrEqual(0.005);
    expect(theirs.test!.rocAuc).toBeGreaterThan(0.84);
    console.log(
      `telco test AUC: built-in mapping ${theirs.test!.rocAuc.toFixed(4)}, renamed ${mine.test!.rocAuc.toFixed(4)}`,
    );
  }, 600_000);
});
