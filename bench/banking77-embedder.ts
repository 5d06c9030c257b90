/**
 * The default offline embedder on BANKING77 (77 support intents, official split) and the pgvector
 * HNSW index over it. Fits IDF on train.csv, embeds train and test, then prints:
 *  - intent accuracy on test of the top-1 train neighbour and of a distance-weighted k-NN vote
 *    (cosine, computed in JS: exact);
 *  - for --queries test queries (default 500) against the train vectors in an in-memory PGlite:
 *    recall@10 of the HNSW search against exact search, and p50/p99 latency of both.
 * Then one JSON line.
 *
 *   npx tsx bench/banking77-embedder.ts [--dimensions 512] [--queries 500] [--ef-search 40]
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { ensureTenant, migrate, openStore } from "../db/index.ts";
import {
  HashingEmbedder,
  ensureHnswIndex,
  exactSearch,
  searchSimilar,
  upsertEmbeddings,
} from "../memory/index.ts";
import type { SearchOptions } from "../memory/index.ts";

const { values } = parseArgs({
  options: {
    dimensions: { type: "string", default: "512" },
    queries: { type: "string", default: "500" },
    "ef-search": { type: "string", default: "40" },
  },
});
const dimensions = Number(values.dimensions);
const efSearch = Number(values["ef-search"]);

interface Example {
  text: string;
  category: string;
}
const DATA = new URL("../../shared/datasets/banking77/", import.meta.url);
const load = (file: string): Example[] =>
  parse(readFileSync(new URL(file, DATA)), { columns: true, skip_empty_lines: true }) as Example[];
const train = load("train.csv");
const test = load("test.csv");

let t0 = performance.now();
const embedder = new HashingEmbedder({ dimensions }).fit(train.map((e) => e.text));
const trainVectors = train.map((e) => embedder.embedOne(e.text));
const testVectors = test.map((e) => embedder.embedOne(e.text));
const embedMs = performance.now() - t0;

// Exact k-NN in JS: similarities of each test vector to every train vector, top 10 kept.
const flat = new Float64Array(train.length * dimensions);
trainVectors.forEach((v, i) => flat.set(v, i * dimensions));
const KS = [1, 5, 7, 10];
const correct = new Map(KS.map((k) => [k, 0]));
for (const [qi, q] of testVectors.entries()) {
  const top: { i: number; s: number }[] = [];
  for (let i = 0; i < train.length; i++) {
    let s = 0;
    for (let d = 0, o = i * dimensions; d < dimensions; d++) s += q[d]! * flat[o + d]!;
    if (top.length < 10 || s > top[top.length - 1]!.s) {
      top.push({ i, s });
      top.sort((a, b) => b.s - a.s);
      if (top.length > 10) top.pop();
    }
  }
  for (const k of KS) {
    const votes = new Map<string, number>();
    for (const { i, s } of top.slice(0, k))
      votes.set(train[i]!.category, (votes.get(train[i]!.category) ?? 0) + s);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    if (best === test[qi]!.category) correct.set(k, correct.get(k)! + 1);
  }
}
const accuracy = Object.fromEntries(KS.map((k) => [`knn${k}`, correct.get(k)! / test.length]));

// pgvector: train vectors in an in-memory PGlite, HNSW against exact search.
const store = await openStore({ kind: "embedded", dataDir: "memory://" });
await migrate(store.sql);
const tenantId = (await ensureTenant(store.sql, { slug: "banking77", name: "BANKING77" })).id;
t0 = performance.now();
await upsertEmbeddings(
  store.sql,
  train.map((e, i) => ({
    tenantId,
    entityKind: "ticket" as const,
    entityId: randomUUID(),
    chunk: 0,
    embedder: embedder.id,
    content: e.text,
    metadata: { intent: e.category },
    embedding: trainVectors[i]!,
  })),
);
const insertMs = performance.now() - t0;
t0 = performance.now();
const indexName = await ensureHnswIndex(store.sql, embedder);
const indexMs = performance.now() - t0;

const queries = testVectors.slice(0, Number(values.queries));
const hnswMs: number[] = [];
const exactMs: number[] = [];
let found = 0;
for (const queryVector of queries) {
  const options: SearchOptions = { tenantId, embedder, queryVector, k: 10, efSearch };
  t0 = performance.now();
  const approx = await searchSimilar(store.sql, options);
  hnswMs.push(performance.now() - t0);
  t0 = performance.now();
  const exact = await exactSearch(store.sql, options);
  exactMs.push(performance.now() - t0);
  const ids = new Set(approx.map((h) => h.entity_id));
  found += exact.filter((h) => ids.has(h.entity_id)).length;
}
const [stats] =
  await store.sql`SELECT idx_scan::int AS scans FROM pg_stat_user_indexes WHERE indexrelname = ${indexName}`;
await store.close();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const result = {
  bench: "banking77-embedder",
  embedder: embedder.id,
  train: train.length,
  test: test.length,
  embed_ms: round(embedMs, 0),
  ...Object.fromEntries(Object.entries(accuracy).map(([k, v]) => [`acc_${k}`, round(v, 4)])),
  queries: queries.length,
  ef_search: efSearch,
  recall_at_10: round(found / (queries.length * 10), 4),
  hnsw_index_scans: stats?.scans ?? null,
  hnsw_p50_ms: round(pct(hnswMs, 0.5)),
  hnsw_p99_ms: round(pct(hnswMs, 0.99)),
  exact_p50_ms: round(pct(exactMs, 0.5)),
  exact_p99_ms: round(pct(exactMs, 0.99)),
  insert_ms: round(insertMs, 0),
  index_build_ms: round(indexMs, 0),
};
console.table(Object.entries(result).map(([metric, value]) => ({ metric, value })));
console.log(JSON.stringify(result));
