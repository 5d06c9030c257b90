/**
 * pgvector HNSW on a tenant's semantic memory, the product path: seeds a synthetic book whose
 * memory corpus (activities, tickets, KB articles: `readCorpus`) is about 100k documents, builds
 * the tenant's index with the default offline embedder (`openTenantMemory`: fit on a sample,
 * embed, upsert, CREATE INDEX … USING hnsw), then runs held-out query texts through
 * `searchSimilar` (HNSW) and `exactSearch` (full scan) and prints:
 *  - build: wall time, chunks/s, and the part spent in CREATE INDEX (+ ANALYZE, activation);
 *  - per ef_search: recall@10 against exact search (by id, and tie-aware by distance: the seeded
 *    texts repeat, so many chunks sit at exactly the 10th distance and which of them a search
 *    returns is arbitrary), and p50/p99 latency of both searches as the caller sees them (one
 *    tenant transaction: role and settings, then the query).
 * Then one JSON line.
 *
 *   npx tsx bench/hnsw.ts [--store pglite|postgres] [--database-url URL] [--accounts 6000]
 *                         [--queries 1000] [--ef-search 40] [--sweep 40,80,160,320] [--seed 42]
 *
 * Query texts are activities and tickets of another book (seed + 1), generated in memory and
 * never indexed. pglite: a fresh data directory under the OS temp dir (removed afterwards).
 * postgres: --database-url, else a throwaway PostgreSQL cluster started for the run.
 */
import { openBenchStore } from "./lib/store.ts";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ensureTenant, migrate, withTenant } from "../db/index.ts";
import { generateBook, seedBook } from "../db/seed/index.ts";
import {
  exactSearch,
  hnswIndexName,
  openTenantMemory,
  searchSimilar,
  type SearchHit,
  type SearchOptions,
} from "../memory/index.ts";
import { cosineDistance, toVectorText } from "../memory/vector-sql.ts";

const { values } = parseArgs({
  options: {
    store: { type: "string", default: "pglite" },
    "database-url": { type: "string" },
    accounts: { type: "string", default: "6000" },
    queries: { type: "string", default: "1000" },
    "ef-search": { type: "string", default: "40" },
    sweep: { type: "string" },
    seed: { type: "string", default: "42" },
    warmup: { type: "string", default: "20" },
  },
});
if (values.store !== "pglite" && values.store !== "postgres") {
  throw new Error(`--store must be pglite or postgres, got ${values.store}`);
}
const kind = values.store;
const accounts = Number(values.accounts);
const queryCount = Number(values.queries);
const seed = Number(values.seed);
const warmup = Number(values.warmup);
const efValues = [
  ...new Set([Number(values["ef-search"]), ...(values.sweep ? values.sweep.split(",").map(Number) : [])]),
].sort((a, b) => a - b);
const K = 10;

const { store, cleanup } = await openBenchStore({ kind, name: "hnsw", databaseUrl: values["database-url"] });

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (msg: string) => console.error(`  ${msg}`);

try {
  const { sql } = store;
  await migrate(sql);
  const tenant = await ensureTenant(sql, { slug: "bench-hnsw", name: "HNSW benchmark" });

  let t0 = performance.now();
  const seeded = await seedBook(sql, { tenantId: tenant.id, accounts, seed, concurrency: 1 });
  const seedSeconds = (performance.now() - t0) / 1000;
  log(`seeded ${accounts} accounts (${seeded.totalRows} rows) in ${seedSeconds.toFixed(1)} s`);

  // the product path: what `crm start` and the first agent run do for a tenant without an index
  t0 = performance.now();
  let lastPage = 0;
  let lastLog = 0;
  const memory = await openTenantMemory(
    sql,
    tenant.id,
    { kind: "hashing", dimensions: 512 },
    {
      onProgress: ({ entities, chunks }) => {
        const now = performance.now();
        lastPage = now;
        if (now - lastLog > 15_000) {
          lastLog = now;
          log(`indexed ${entities} documents, ${chunks} chunks, ${((now - t0) / 1000).toFixed(0)} s`);
        }
      },
    },
  );
  const buildEnd = performance.now();
  const built = memory.built!;
  const embedder = memory.embedder;
  const buildSeconds = (buildEnd - t0) / 1000;
  const hnswSeconds = (buildEnd - lastPage) / 1000;
  log(
    `built ${built.chunks} chunks in ${buildSeconds.toFixed(1)} s (CREATE INDEX ${hnswSeconds.toFixed(1)} s)`,
  );

  // held-out queries: texts of another book, in the corpus's own form (subject, newline, body)
  const texts: string[] = [];
  const heldOut = generateBook({ tenantId: randomUUID(), accounts: 300, seed: seed + 1 });
  for (const rows of heldOut) {
    for (const a of rows.activities) texts.push([a.subject, a.body].filter((x) => x).join("\n"));
    for (const t of rows.tickets) texts.push([t.subject, t.body].filter((x) => x).join("\n"));
  }
  const step = texts.length / (queryCount + warmup);
  const picked = Array.from({ length: queryCount + warmup }, (_, i) => texts[Math.floor(i * step)]!);
  const vectors = await embedder.embed(picked);
  const warm = vectors.slice(0, warmup);
  const queries = vectors.slice(warmup);
  const options = (queryVector: number[], efSearch?: number): SearchOptions => ({
    tenantId: tenant.id,
    embedder,
    queryVector,
    k: K,
    ...(efSearch ? { efSearch } : {}),
  });
  const indexName = hnswIndexName(embedder.id);
  const indexScans = async () =>
    (
      await sql<{ scans: number }[]>`
        SELECT idx_scan::int AS scans FROM pg_stat_user_indexes WHERE indexrelname = ${indexName}`
    )[0]?.scans ?? 0;

  // the plan searchSimilar gets (same expression and predicates as memory/search.ts)
  const plan = await withTenant(sql, tenant.id, async (tx) => {
    await tx`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`;
    const distance = cosineDistance(tx, embedder.dimensions, toVectorText(queries[0]!));
    const lines = await tx<{ "QUERY PLAN": string }[]>`
      EXPLAIN SELECT entity_id, chunk, content, metadata, (${distance})::float8 AS distance
      FROM embeddings WHERE tenant_id = ${tenant.id} AND embedder = ${embedder.id}
      ORDER BY ${distance} LIMIT ${K}`;
    return lines.map((l) => l["QUERY PLAN"]).join("\n");
  });
  const planUsesIndex = plan.includes(indexName);
  log(`plan uses ${indexName}: ${planUsesIndex}`);

  for (const q of warm) await exactSearch(sql, options(q));
  const exact: SearchHit[][] = [];
  const exactMs: number[] = [];
  t0 = performance.now();
  for (const q of queries) {
    const s = performance.now();
    exact.push(await exactSearch(sql, options(q)));
    exactMs.push(performance.now() - s);
  }
  log(`exact search: ${queries.length} queries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const key = (h: SearchHit) => `${h.entity_id}:${h.chunk}`;
  const rows = [];
  for (const ef of efValues) {
    for (const q of warm) await searchSimilar(sql, options(q, ef));
    const scansBefore = await indexScans();
    const ms: number[] = [];
    let byId = 0;
    let byDistance = 0;
    for (const [i, q] of queries.entries()) {
      const s = performance.now();
      const hits = await searchSimilar(sql, options(q, ef));
      ms.push(performance.now() - s);
      const truth = exact[i]!;
      const ids = new Set(truth.map(key));
      byId += hits.filter((h) => ids.has(key(h))).length;
      // a hit as near as the exact 10th neighbour is a correct answer, whichever of the ties it is
      const tenth = truth[truth.length - 1]?.distance ?? Infinity;
      byDistance += Math.min(truth.length, hits.filter((h) => h.distance <= tenth + 1e-6).length);
    }
    const denominator = exact.reduce((n, t) => n + t.length, 0);
    rows.push({
      ef_search: ef,
      recall_at_10: round(byId / denominator, 4),
      recall_at_10_ties: round(byDistance / denominator, 4),
      hnsw_p50_ms: round(pct(ms, 0.5)),
      hnsw_p99_ms: round(pct(ms, 0.99)),
      hnsw_mean_ms: round(ms.reduce((a, b) => a + b, 0) / ms.length),
      index_scans: (await indexScans()) - scansBefore,
    });
    log(`ef_search ${ef}: recall ${rows.at(-1)!.recall_at_10} (ties ${rows.at(-1)!.recall_at_10_ties})`);
  }

  const [counts] = await sql<{ activity: number; ticket: number; kb_article: number; distinct: number }[]>`
    SELECT count(*) FILTER (WHERE entity_kind = 'activity')::int AS activity,
           count(*) FILTER (WHERE entity_kind = 'ticket')::int AS ticket,
           count(*) FILTER (WHERE entity_kind = 'kb_article')::int AS kb_article,
           count(DISTINCT content)::int AS distinct
    FROM embeddings WHERE tenant_id = ${tenant.id} AND embedder = ${embedder.id}`;
  const [size] = await sql<
    { mb: number }[]
  >`SELECT pg_relation_size(${indexName}::regclass) / 1048576.0 AS mb`;

  console.log(store.describe());
  console.table({
    build: {
      documents: built.entities,
      chunks: built.chunks,
      "distinct texts": counts!.distinct,
      seconds: round(buildSeconds, 1),
      "chunks/s": Math.round(built.chunks / buildSeconds),
      "CREATE INDEX s": round(hnswSeconds, 1),
      "index MB": round(Number(size!.mb), 0),
      "plan uses index": planUsesIndex,
    },
  });
  console.table(
    rows.map((r) => ({
      ef_search: r.ef_search,
      "recall@10": r.recall_at_10,
      "recall@10 (ties)": r.recall_at_10_ties,
      "HNSW p50 ms": r.hnsw_p50_ms,
      "HNSW p99 ms": r.hnsw_p99_ms,
      "exact p50 ms": round(pct(exactMs, 0.5)),
      "exact p99 ms": round(pct(exactMs, 0.99)),
      "index used": `${r.index_scans}/${queries.length}`,
    })),
  );
  console.log(
    JSON.stringify({
      bench: "hnsw",
      store: kind,
      accounts,
      embedder: embedder.id,
      documents: built.entities,
      chunks: built.chunks,
      by_kind: { activity: counts!.activity, ticket: counts!.ticket, kb_article: counts!.kb_article },
      distinct_texts: counts!.distinct,
      seed_seconds: round(seedSeconds, 1),
      build_seconds: round(buildSeconds, 1),
      build_chunks_per_second: Math.round(built.chunks / buildSeconds),
      create_index_seconds: round(hnswSeconds, 1),
      index_mb: round(Number(size!.mb), 0),
      plan_uses_index: planUsesIndex,
      queries: queries.length,
      exact_p50_ms: round(pct(exactMs, 0.5)),
      exact_p99_ms: round(pct(exactMs, 0.99)),
      ef: rows,
      load_avg_1m: round(loadavg()[0]!, 1),
      node: process.version,
    }),
  );
} finally {
  await store.close();
  await cleanup();
}
