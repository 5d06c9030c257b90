import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { STORE_KINDS, openTestStore } from "../tests/support/stores.ts";
import { HashingEmbedder } from "./embedders/hashing.ts";
import { ensureHnswIndex, exactSearch, searchSimilar, upsertEmbeddings, type EmbeddingRow } from "./index.ts";

const TEXTS = [
  "My card has not arrived yet",
  "How do I top up my account by bank transfer",
  "What exchange rate do you use for foreign currency",
  "I forgot my passcode and cannot log in",
  "Why was I charged a fee for a cash withdrawal",
  "Can I get a refund for a purchase I cancelled",
];

describe.each(STORE_KINDS)("semantic memory on %s", (kind) => {
  let store: Store;
  let tenantA: string;
  let tenantB: string;
  const embedderA = new HashingEmbedder({ dimensions: 256 }).fit(TEXTS);
  const embedderB = new HashingEmbedder({ dimensions: 256 }); // unfitted: another id
  const ids = TEXTS.map(() => randomUUID());

  const rowsFor = async (tenantId: string, embedder: HashingEmbedder): Promise<EmbeddingRow[]> =>
    (await embedder.embed(TEXTS)).map((embedding, i) => ({
      tenantId,
      entityKind: i % 2 === 0 ? "ticket" : "kb_article",
      entityId: ids[i]!,
      chunk: 0,
      embedder: embedder.id,
      content: TEXTS[i]!,
      metadata: { topic: i < 3 ? "payments" : "support", n: i },
      embedding,
    }));

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantA = (await ensureTenant(store.sql, { slug: "mem-a", name: "A" })).id;
    tenantB = (await ensureTenant(store.sql, { slug: "mem-b", name: "B" })).id;
    await upsertEmbeddings(store.sql, await rowsFor(tenantA, embedderA));
    await upsertEmbeddings(store.sql, await rowsFor(tenantA, embedderB));
    await ensureHnswIndex(store.sql, embedderA);
    await ensureHnswIndex(store.sql, embedderB);
  });
  afterAll(() => store.close());

  const search = async (tenantId: string, embedder: HashingEmbedder, text: string, extra = {}) =>
    searchSimilar(store.sql, { tenantId, embedder, queryVector: embedder.embedOne(text), k: 10, ...extra });

  it("upserts idempotently", async () => {
    const count = async () =>
      (await store.sql`SELECT count(*)::int AS n FROM embeddings WHERE tenant_id = ${tenantA}`)[0]!
        .n as number;
    const before = await count();
    const rows = await rowsFor(tenantA, embedderA);
    rows[0]!.content = "My card has not arrived yet (edited)";
    expect(await upsertEmbeddings(store.sql, rows)).toBe(TEXTS.length);
    expect(await count()).toBe(before);
    expect(before).toBe(2 * TEXTS.length);
    const hits = await search(tenantA, embedderA, TEXTS[0]!);
    expect(hits[0]!.content).toBe("My card has not arrived yet (edited)");
  });

  it("finds a text as its own nearest neighbour, through the index and exactly", async () => {
    for (const [i, text] of TEXTS.entries()) {
      const hits = await search(tenantA, embedderA, text);
      expect(hits[0]!.entity_id).toBe(ids[i]);
      expect(hits[0]!.distance).toBeLessThan(0.05);
      const exact = await exactSearch(store.sql, {
        tenantId: tenantA,
        embedder: embedderA,
        queryVector: embedderA.embedOne(text),
        k: 3,
      });
      expect(exact[0]!.entity_id).toBe(ids[i]);
      expect(exact.map((h) => h.distance)).toEqual([...exact.map((h) => h.distance)].sort((a, b) => a - b));
    }
  });

  it("never mixes two embedders' vectors", async () => {
    await store.sql`UPDATE embeddings SET content = 'B: ' || content WHERE embedder = ${embedderB.id}`;
    const hitsA = await search(tenantA, embedderA, "card");
    const hitsB = await search(tenantB, embedderB, "card");
    expect(hitsA).toHaveLength(TEXTS.length);
    expect(hitsA.every((h) => !h.content.startsWith("B: "))).toBe(true);
    expect(hitsB).toHaveLength(0);
    const ownB = await search(tenantA, embedderB, "card");
    expect(ownB.every((h) => h.content.startsWith("B: "))).toBe(true);
  });

  it("keeps tenants apart", async () => {
    expect(await search(tenantB, embedderA, TEXTS[0]!)).toEqual([]);
    await upsertEmbeddings(store.sql, (await rowsFor(tenantB, embedderA)).slice(0, 1));
    const hits = await search(tenantB, embedderA, TEXTS[1]!);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.content).toBe(TEXTS[0]);
  });

  it("filters by metadata containment and entity kind", async () => {
    const payments = await search(tenantA, embedderA, "card", { filter: { topic: "payments" } });
    expect(payments.map((h) => h.metadata["n"]).sort()).toEqual([0, 1, 2]);
    const tickets = await search(tenantA, embedderA, "card", {
      entityKind: "ticket",
      filter: { topic: "support" },
    });
    expect(tickets.map((h) => h.metadata["n"])).toEqual([4]);
  });

  it("refuses an embedder id that is not a safe identifier", async () => {
    await expect(
      ensureHnswIndex(store.sql, { id: "x'; DROP TABLE embeddings; --", dimensions: 256 }),
    ).rejects.toThrow(RangeError);
  });
});
