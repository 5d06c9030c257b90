import type postgres from "postgres";
import { CORPUS_KINDS, readCorpus } from "./corpus.ts";
import type { Embedder } from "./embedder.ts";
import { HashingEmbedder, type HashingEmbedderState } from "./embedders/hashing.ts";
import { buildIndex, type BuildOptions, type BuildResult } from "./build.ts";
import { activeIndex, activeIndexHead } from "./indexes.ts";
import { blankHashingEmbedder, remoteEmbedder, type EmbedderSettings } from "./settings.ts";

/**
 * Fitted offline embedders already loaded in this process, by id. The id is a digest of the
 * fitted state, so an id names exactly one embedder: a run whose tenant index has not changed
 * reuses it instead of reading and parsing the stored IDF (megabytes on a large book) again.
 */
const loaded = new Map<string, HashingEmbedder>();
const LOADED_MAX = 64;

function remember(embedder: HashingEmbedder): void {
  loaded.delete(embedder.id);
  loaded.set(embedder.id, embedder);
  if (loaded.size > LOADED_MAX) loaded.delete(loaded.keys().next().value!);
}

/** Documents the offline embedder's IDF is fitted on (the first ones of each kind, in id order). */
export const FIT_SAMPLE = 20_000;

export interface TenantMemory {
  /** The embedder searches must use: the one the active index was built with. */
  embedder: Embedder;
  /** Set when this call (re)built the index. */
  built: BuildResult | null;
}

export interface OpenMemoryOptions extends Omit<BuildOptions, "state"> {
  /** Refit the offline embedder on the current corpus and re-index (default false). */
  refit?: boolean;
}

/**
 * The tenant's semantic memory under the configured embedder. When the active index was built
 * by another embedder (the configuration changed, or there is no index yet), the memory is
 * re-indexed first: vectors of two embedders are never mixed. The offline embedder's fitted
 * IDF is stored with its index and reloaded, so queries embed exactly as the index was built.
 */
export async function openTenantMemory(
  sql: postgres.Sql,
  tenantId: string,
  settings: EmbedderSettings,
  options: OpenMemoryOptions = {},
): Promise<TenantMemory> {
  if (settings.kind === "hashing" && !options.refit) {
    const head = await activeIndexHead(sql, tenantId);
    const known = head ? loaded.get(head.embedder) : undefined;
    if (known && known.id === head!.embedder && known.dimensions === settings.dimensions)
      return { embedder: known, built: null };
  }
  const active = await activeIndex(sql, tenantId);
  if (settings.kind === "openai") {
    const embedder = remoteEmbedder(settings);
    if (active?.embedder === embedder.id && !options.refit) return { embedder, built: null };
    return { embedder, built: await buildIndex(sql, tenantId, embedder, options) };
  }
  const reusable = !options.refit && active !== null && isHashingState(active.state, settings.dimensions);
  if (reusable) {
    const embedder = HashingEmbedder.fromJSON(active.state as HashingEmbedderState);
    if (embedder.id === active.embedder) {
      remember(embedder);
      return { embedder, built: null };
    }
  }
  const embedder = blankHashingEmbedder(settings).fit(await fitSample(sql, tenantId));
  const built = await buildIndex(sql, tenantId, embedder, { ...options, state: embedder.toJSON() });
  remember(embedder);
  return { embedder, built };
}

function isHashingState(state: unknown, dimensions: number): boolean {
  const s = state as Partial<HashingEmbedderState> | null;
  return s?.kind === "hash-ngram-v1" && s.dimensions === dimensions;
}

async function fitSample(sql: postgres.Sql, tenantId: string): Promise<string[]> {
  const texts: string[] = [];
  const perKind = Math.ceil(FIT_SAMPLE / CORPUS_KINDS.length);
  for (const kind of CORPUS_KINDS) {
    let taken = 0;
    for await (const docs of readCorpus(sql, tenantId, kind)) {
      for (const d of docs.slice(0, perKind - taken)) texts.push(d.text);
      taken = Math.min(perKind, taken + docs.length);
      if (taken >= perKind) break;
    }
  }
  return texts;
}
