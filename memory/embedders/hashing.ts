import { createHash } from "node:crypto";
import type { Embedder } from "../embedder.ts";
import { features, hash32 } from "./features.ts";

/** Fitted document frequencies, keyed by feature hash: small enough to store as JSON. */
export interface IdfState {
  version: 1;
  /** Documents seen by `fit`; 0 means unfitted (every IDF is 1). */
  docs: number;
  /** [feature hash, documents containing it], sorted by hash. */
  df: [number, number][];
}

/** Everything needed to rebuild an embedder that gives the same vectors (`HashingEmbedder.fromJSON`). */
export interface HashingEmbedderState {
  kind: "hash-ngram-v1";
  dimensions: number;
  idf: IdfState;
}

export interface HashingEmbedderOptions {
  /** Vector length. Default 512. */
  dimensions?: number;
}

/**
 * Relative weight of each feature kind. Character n-grams outnumber words about tenfold, so
 * they are damped to let whole words and bigrams count.
 */
const KIND_WEIGHT: Record<string, number> = { w: 1, b: 1, c: 0.4 };

/**
 * The default offline embedder: hashed word unigrams and bigrams and character 3–5-grams,
 * weighted by sublinear TF × IDF, projected into `dimensions` with a sign hash (the hashing
 * trick) and L2-normalised. Nothing to download; deterministic. `fit` learns IDF from a corpus
 * and changes `id`, so vectors from before and after a fit are never compared.
 */
export class HashingEmbedder implements Embedder {
  readonly dimensions: number;
  #docs = 0;
  #df = new Map<number, number>();
  #id: string;

  constructor(options: HashingEmbedderOptions = {}) {
    const dimensions = options.dimensions ?? 512;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000) {
      throw new RangeError(`dimensions must be an integer in 1..2000, got ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.#id = this.#computeId();
  }

  /** `hash-ngram-v1-d<dimensions>-<8 hex of the IDF state>`. */
  get id(): string {
    return this.#id;
  }

  static fromJSON(state: HashingEmbedderState): HashingEmbedder {
    if (state.kind !== "hash-ngram-v1" || state.idf.version !== 1) {
      throw new Error(`unsupported embedder state ${state.kind} v${state.idf.version}`);
    }
    const e = new HashingEmbedder({ dimensions: state.dimensions });
    e.#docs = state.idf.docs;
    e.#df = new Map(state.idf.df);
    e.#id = e.#computeId();
    return e;
  }

  toJSON(): HashingEmbedderState {
    const df = [...this.#df.entries()].sort((a, b) => a[0] - b[0]);
    return { kind: "hash-ngram-v1", dimensions: this.dimensions, idf: { version: 1, docs: this.#docs, df } };
  }

  /** Learns document frequencies from `texts`, replacing any earlier fit. */
  fit(texts: string[]): this {
    const df = new Map<number, number>();
    for (const text of texts) {
      const seen = new Set<number>();
      for (const f of features(text).keys()) seen.add(hash32(f));
      for (const h of seen) df.set(h, (df.get(h) ?? 0) + 1);
    }
    this.#docs = texts.length;
    this.#df = df;
    this.#id = this.#computeId();
    return this;
  }

  embed(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }

  /** The vector of one text. An empty text (no letters or digits) gives the zero vector. */
  embedOne(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    for (const [f, tf] of features(text)) {
      const h = hash32(f);
      const weight = (1 + Math.log(tf)) * this.#idf(h) * KIND_WEIGHT[f[0]!]!;
      // top bit as the sign: collisions cancel out on average instead of piling up
      v[h % this.dimensions]! += h >>> 31 ? -weight : weight;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    return Array.from(v, (x) => (norm > 0 ? x / norm : 0));
  }

  /** Smoothed IDF; 1 before fitting. A feature unseen in the corpus gets the highest weight. */
  #idf(h: number): number {
    if (this.#docs === 0) return 1;
    return Math.log((1 + this.#docs) / (1 + (this.#df.get(h) ?? 0))) + 1;
  }

  #computeId(): string {
    const digest = createHash("sha256").update(JSON.stringify(this.toJSON())).digest("hex");
    return `hash-ngram-v1-d${this.dimensions}-${digest.slice(0, 8)}`;
  }
}
