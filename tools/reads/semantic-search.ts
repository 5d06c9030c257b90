import { z } from "zod";
import { searchSimilar, type SearchHit } from "../../memory/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";

const KINDS = ["activity", "ticket", "kb_article"] as const;

const input = z.object({
  query: z.string().min(1).max(2000).describe("What to look for, in natural language."),
  kinds: z
    .array(z.enum(KINDS))
    .min(1)
    .default([...KINDS])
    .describe("Which kinds of text to search: activity, ticket, kb_article (default: all three)."),
  k: limit(5, 50, "results"),
  min_similarity: z
    .number()
    .min(-1)
    .max(1)
    .default(0)
    .describe("Drop results whose cosine similarity is below this (−1 to 1; default 0)."),
});

/** One semantic hit: the entity it came from, its text and how similar it is (1 = same direction). */
export interface SemanticHit {
  entity_kind: (typeof KINDS)[number];
  entity_id: string;
  /** Evidence id of the hit, e.g. `ticket:<uuid>`, ready for reasons and drafts. */
  evidence_id: string;
  chunk: number;
  content: string;
  similarity: number;
}

/**
 * Semantic search over embedded activities, tickets and kb articles with the tenant's active
 * embedder (`ctx.embedder`); only vectors of that embedder are compared.
 */
export const semanticSearch = defineTool({
  name: "semantic_search",
  description:
    "Find activities, support tickets and knowledge-base articles whose text is closest in meaning to a " +
    "query. Returns entity ids, evidence ids, the matching text and a cosine similarity.",
  kind: "read",
  input,
  handler: async ({ query, kinds, k, min_similarity }, ctx) => {
    const [queryVector] = await ctx.embedder.embed([query]);
    const perKind = await Promise.all(
      [...new Set(kinds)].map(async (kind) => {
        const hits = await searchSimilar(ctx.sql, {
          tenantId: ctx.tenantId,
          embedder: ctx.embedder,
          queryVector: queryVector!,
          k,
          entityKind: kind,
        });
        return hits.map((h: SearchHit): SemanticHit => toHit(kind, h));
      }),
    );
    const best = new Map<string, SemanticHit>(); // the closest chunk of each entity
    for (const h of perKind.flat()) {
      const seen = best.get(h.evidence_id);
      if (!seen || h.similarity > seen.similarity) best.set(h.evidence_id, h);
    }
    const hits = [...best.values()]
      .filter((h) => h.similarity >= min_similarity)
      .sort((a, b) => b.similarity - a.similarity || a.evidence_id.localeCompare(b.evidence_id))
      .slice(0, k);
    return { embedder: ctx.embedder.id, hits };
  },
});

function toHit(kind: (typeof KINDS)[number], h: SearchHit): SemanticHit {
  return {
    entity_kind: kind,
    entity_id: h.entity_id,
    evidence_id: `${kind}:${h.entity_id}`,
    chunk: h.chunk,
    content: h.content,
    similarity: Math.round((1 - h.distance) * 10_000) / 10_000,
  };
}
