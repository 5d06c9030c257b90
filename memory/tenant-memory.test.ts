import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { STORE_KINDS, openTestStore } from "../tests/support/stores.ts";
import { activeIndex, listIndexes, openTenantMemory, searchSimilar } from "./index.ts";

const TICKETS = [
  "My card has not arrived yet, it has been two weeks",
  "How do I top up my account by bank transfer",
  "I was charged twice for the same purchase",
];
const ARTICLES = [
  ["Card delivery times", "Cards arrive within 5 to 7 working days. Track your card in the app."],
  ["Top up by bank transfer", "Send a bank transfer to your account details shown in the app."],
];
const hashing = { kind: "hashing", dimensions: 256 } as const;

describe.each(STORE_KINDS)("tenant memory on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  let otherTenant: string;

  const vectorsByEmbedder = async () =>
    store.sql<{ embedder: string; n: number }[]>`
      SELECT embedder, count(*)::int AS n FROM embeddings WHERE tenant_id = ${tenantId} GROUP BY embedder`;

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "tm", name: "TM" })).id;
    otherTenant = (await ensureTenant(store.sql, { slug: "tm-other", name: "Other" })).id;
    for (const body of TICKETS)
      await store.sql`INSERT INTO tickets (tenant_id, body) VALUES (${tenantId}, ${body})`;
    for (const [title, body] of ARTICLES)
      await store.sql`INSERT INTO kb_articles (tenant_id, title, body) VALUES (${tenantId}, ${title!}, ${body!})`;
    await store.sql`INSERT INTO tickets (tenant_id, body) VALUES (${otherTenant}, 'card has not arrived (other tenant)')`;
  });
  afterAll(() => store?.close());

  it("builds the index on first use, with a fitted embedder stored beside it", async () => {
    const memory = await openTenantMemory(store.sql, tenantId, hashing);
    expect(memory.built).toMatchObject({ entities: 5, chunks: 5, retired: [] });
    const active = await activeIndex(store.sql, tenantId);
    expect(active).toMatchObject({ embedder: memory.embedder.id, status: "active", entities: 5, chunks: 5 });
    expect(await vectorsByEmbedder()).toEqual([{ embedder: memory.embedder.id, n: 5 }]);

    const [query] = await memory.embedder.embed(["where is my card"]);
    const hits = await searchSimilar(store.sql, {
      tenantId,
      embedder: memory.embedder,
      queryVector: query!,
      k: 2,
      entityKind: "kb_article",
    });
    expect(hits[0]!.content).toMatch(/^Card delivery times/);
    expect(hits[0]!.metadata).toMatchObject({ title: "Card delivery times", language: "en" });
  });

  it("reopens without re-indexing and embeds queries as the index was built", async () => {
    const before = await activeIndex(store.sql, tenantId);
    const memory = await openTenantMemory(store.sql, tenantId, hashing);
    expect(memory.built).toBeNull();
    expect(memory.embedder.id).toBe(before!.embedder);
  });

  it("reuses the embedder this process loaded while the tenant's index stays the same", async () => {
    const first = await openTenantMemory(store.sql, tenantId, hashing);
    const again = await openTenantMemory(store.sql, tenantId, hashing);
    expect(again.built).toBeNull();
    expect(again.embedder).toBe(first.embedder);
  });

  it("re-indexes when the embedder changes and never keeps two embedders' vectors", async () => {
    const old = (await activeIndex(store.sql, tenantId))!.embedder;
    await store.sql`INSERT INTO tickets (tenant_id, body) VALUES (${tenantId}, 'Refund for a cancelled purchase')`;
    const memory = await openTenantMemory(store.sql, tenantId, hashing, { refit: true });
    expect(memory.embedder.id).not.toBe(old);
    expect(memory.built).toMatchObject({ entities: 6, chunks: 6, retired: [old], deletedVectors: 5 });
    expect(await vectorsByEmbedder()).toEqual([{ embedder: memory.embedder.id, n: 6 }]);
    const statuses = (await listIndexes(store.sql, tenantId)).map((i) => [i.embedder, i.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [old, "retired"],
        [memory.embedder.id, "active"],
      ]),
    );

    const bigger = await openTenantMemory(store.sql, tenantId, { kind: "hashing", dimensions: 512 });
    expect(bigger.built?.retired).toEqual([memory.embedder.id]);
    expect(bigger.embedder.dimensions).toBe(512);
    expect(await vectorsByEmbedder()).toEqual([{ embedder: bigger.embedder.id, n: 6 }]);
  });

  it("keeps tenants apart", async () => {
    const other = await openTenantMemory(store.sql, otherTenant, hashing);
    expect(other.built).toMatchObject({ entities: 1, chunks: 1 });
    const [query] = await other.embedder.embed(["card has not arrived"]);
    const hits = await searchSimilar(store.sql, {
      tenantId: otherTenant,
      embedder: other.embedder,
      queryVector: query!,
      k: 10,
    });
    expect(hits.map((h) => h.content)).toEqual(["card has not arrived (other tenant)"]);
  });
});
