import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { activeIndex, embedderSettingsFromConfig, openTenantMemory, searchSimilar } from "../memory/index.ts";
import { parseConfig } from "../server/config.ts";
import { startOpenAIServer, type OpenAITestServer } from "./support/openai-server.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const TICKETS = ["My card has not arrived yet", "How do I top up by bank transfer", "I was charged twice"];

describe.each(STORE_KINDS)("OpenAI-compatible embeddings on %s", (kind) => {
  let store: Store;
  let server: OpenAITestServer;
  let tenantId: string;

  beforeAll(async () => {
    [store, server] = await Promise.all([openTestStore(kind), startOpenAIServer()]);
    tenantId = (await ensureTenant(store.sql, { slug: "emb", name: "Emb" })).id;
    for (const body of TICKETS)
      await store.sql`INSERT INTO tickets (tenant_id, body) VALUES (${tenantId}, ${body})`;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const settings = () =>
    embedderSettingsFromConfig(
      parseConfig({
        EMBEDDINGS_MODEL: "nomic-embed-text",
        EMBEDDINGS_DIMENSIONS: "768",
        LLM_BASE_URL: server.url,
      }),
    );

  it("re-indexes from the offline embedder to the configured endpoint, never mixing the two", async () => {
    const offline = await openTenantMemory(store.sql, tenantId, { kind: "hashing", dimensions: 256 });
    expect(offline.built?.chunks).toBe(3);
    server.reset();

    const remote = await openTenantMemory(store.sql, tenantId, settings());
    expect(remote.embedder.id).toBe("oai-nomic-embed-text-d768");
    expect(remote.built).toMatchObject({
      entities: 3,
      chunks: 3,
      retired: [offline.embedder.id],
      deletedVectors: 3,
    });
    const embedCalls = server.requests.filter((r) => r.path.endsWith("/embeddings"));
    expect(embedCalls.length).toBeGreaterThan(0);
    expect(embedCalls[0]!.body).toMatchObject({ model: "nomic-embed-text", dimensions: 768 });

    const rows = await store.sql<{ embedder: string; n: number }[]>`
      SELECT embedder, count(*)::int AS n FROM embeddings WHERE tenant_id = ${tenantId} GROUP BY embedder`;
    expect(rows).toEqual([{ embedder: "oai-nomic-embed-text-d768", n: 3 }]);
    expect(await activeIndex(store.sql, tenantId)).toMatchObject({
      embedder: remote.embedder.id,
      dimensions: 768,
    });
  });

  it("searches with the endpoint's vectors, and reopening does not re-embed the corpus", async () => {
    server.reset();
    const memory = await openTenantMemory(store.sql, tenantId, settings());
    expect(memory.built).toBeNull();
    expect(server.requests).toHaveLength(0);
    const [query] = await memory.embedder.embed(["I was charged twice"]);
    const hits = await searchSimilar(store.sql, {
      tenantId,
      embedder: memory.embedder,
      queryVector: query!,
      k: 1,
    });
    expect(hits[0]).toMatchObject({ content: "I was charged twice" });
    expect(hits[0]!.distance).toBeLessThan(1e-6);
  });

  it("names the variable when the configured dimension cannot be indexed", () => {
    expect(() =>
      embedderSettingsFromConfig(parseConfig({ EMBEDDINGS_MODEL: "m", EMBEDDINGS_DIMENSIONS: "1000" })),
    ).toThrow(/EMBEDDINGS_DIMENSIONS=1000/);
  });
});
