import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accuracy,
  loadClassifier,
  loadLabelledTickets,
  parseClassifier,
  serializeClassifier,
  trainClassifier,
  type LabelledText,
} from "../agents/support/classifier/index.ts";
import { importCsv } from "../db/import/csv/index.ts";
import type { Store } from "../db/index.ts";
import { HashingEmbedder } from "../memory/index.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

// Triage classifiers trained from the store: BANKING77 slices imported through their mappings.
const root = fileURLToPath(new URL("../", import.meta.url));
const datasets = resolve(root, "../shared/datasets");
const INTENTS = 20;

/** The rows of a BANKING77 CSV whose intent is in `keep`, written as a new CSV in `dir`. */
async function sliceIntents(file: string, dir: string, keep: Set<string>): Promise<string> {
  const rows = parse(await readFile(resolve(datasets, "banking77", file)), { columns: true }) as {
    text: string;
    category: string;
  }[];
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = rows.filter((r) => keep.has(r.category)).map((r) => `${quote(r.text)},${r.category}`);
  const out = join(dir, file);
  await writeFile(out, ["text,category", ...lines].join("\n") + "\n");
  return out;
}

/** Accuracy of a 10-nearest-neighbour vote (cosine, similarity-weighted) over the hashing embedder. */
function nearestNeighbourAccuracy(train: LabelledText[], test: LabelledText[]): number {
  const embedder = new HashingEmbedder().fit(train.map((e) => e.text));
  const vectors = train.map((e) => embedder.embedOne(e.text));
  const predicted = test.map((e) => {
    const q = embedder.embedOne(e.text);
    const sims = vectors.map((v, i) => ({ i, s: v.reduce((sum, x, d) => sum + x * q[d]!, 0) }));
    const votes = new Map<string, number>();
    for (const { i, s } of sims.sort((a, b) => b.s - a.s).slice(0, 10))
      votes.set(train[i]!.label, (votes.get(train[i]!.label) ?? 0) + s);
    return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  });
  return accuracy(
    test.map((e) => e.label),
    predicted,
  );
}

describe.each(STORE_KINDS)("triage classifiers trained from the store (%s)", (kind) => {
  let store: Store;
  let dir: string;
  const tenants: Record<string, string> = {};
  let intents: string[];
  beforeAll(async () => {
    store = await openTestStore(kind);
    dir = await mkdtemp(join(tmpdir(), "triage-"));
    const all = JSON.parse(
      await readFile(resolve(datasets, "banking77/categories.json"), "utf8"),
    ) as string[];
    intents = [...all].sort().slice(0, INTENTS);
    const keep = new Set(intents);
    const imports = [
      { tenant: "acme", file: await sliceIntents("train.csv", dir, keep), mapping: "banking77-train" },
      { tenant: "acme", file: await sliceIntents("test.csv", dir, keep), mapping: "banking77-test" },
      {
        tenant: "other",
        file: resolve(datasets, "support-tickets/multilingual-tickets-v4-first2000.csv"),
        mapping: "multilingual-tickets",
      },
    ];
    for (const i of imports) {
      const result = await importCsv(store.sql, {
        file: i.file,
        mapping: resolve(root, `db/mappings/${i.mapping}.yaml`),
        tenant: i.tenant,
      });
      tenants[i.tenant] = result.tenant.id;
    }
  });
  afterAll(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads one tenant's labelled tickets, by split, with subject and body as the text", async () => {
    const train = await loadLabelledTickets(store.sql, tenants.acme!, { label: "category", split: "train" });
    const test = await loadLabelledTickets(store.sql, tenants.acme!, { label: "category", split: "test" });
    expect(test).toHaveLength(INTENTS * 40); // the official test split has 40 queries per intent
    expect(new Set(train.map((t) => t.label))).toEqual(new Set(intents));
    expect(train.every((t) => t.split === "train" && t.key.startsWith("b77-train-"))).toBe(true);
    expect(train.map((t) => t.key)).toEqual(train.map((t) => t.key).sort());
    // BANKING77 has no queue; the other tenant's tickets are invisible here
    expect(await loadLabelledTickets(store.sql, tenants.acme!, { label: "queue" })).toEqual([]);
    const queues = await loadLabelledTickets(store.sql, tenants.other!, { label: "queue" });
    expect(queues).toHaveLength(2000);
    const withSubject = queues.find((t) => t.key === "mlt-2")!;
    expect(withSubject.text).toMatch(
      /^Unvorhergesehener Absturz der Datenanal.*\nDie Datenanalyse-Plattform/s,
    );
    expect(queues.some((t) => t.text.includes("Ich werde Ihnen"))).toBe(false); // no reply text
  });

  it("learns intents that beat chance and nearest neighbours on the held-out split", async () => {
    const train = await loadLabelledTickets(store.sql, tenants.acme!, { label: "category", split: "train" });
    const test = await loadLabelledTickets(store.sql, tenants.acme!, { label: "category", split: "test" });
    const { artifact } = trainClassifier(train, { name: "acme-intent", target: "category" });
    expect(artifact.classes).toEqual(intents);
    const classifier = loadClassifier(artifact);
    const predictions = test.map((e) => classifier.predict(e.text));
    const acc = accuracy(
      test.map((e) => e.label),
      predictions.map((p) => p.label),
    );
    expect(acc).toBeGreaterThan(0.85); // chance is 1/20
    expect(acc).toBeGreaterThan(nearestNeighbourAccuracy(train, test));
    // confident answers are right more often than all answers
    const confident = predictions.flatMap((p, i) =>
      p.confidence >= 0.7 ? [p.label === test[i]!.label] : [],
    );
    expect(confident.filter(Boolean).length / confident.length).toBeGreaterThan(acc);
    // what gets stored is what predicts
    const back = loadClassifier(parseClassifier(serializeClassifier(artifact)));
    expect(test.slice(0, 50).map((e) => back.predict(e.text))).toEqual(predictions.slice(0, 50));
  });
});
