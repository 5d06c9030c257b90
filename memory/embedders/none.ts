import type { Embedder } from "../embedder.ts";

/** An agent that declared no semantic memory asked for an embedding (a bug in that agent). */
export class MemoryNotOpenedError extends Error {
  readonly code = "MEMORY_NOT_OPENED";
  constructor(readonly agent: string) {
    super(
      `agent ${agent} declares no semantic memory (semanticMemory: false), so its runs do not open the ` +
        `tenant's index; set semanticMemory to true to search it`,
    );
    this.name = "MemoryNotOpenedError";
  }
}

/**
 * The embedder of a run whose agent never searches semantic memory (the nightly planner): opening
 * the tenant's memory would fit and build its index on a tenant's first run, which on a large
 * book takes minutes and is wasted on such a run. Any embedding it is asked for fails, naming the
 * agent.
 */
export class NoMemoryEmbedder implements Embedder {
  readonly id = "none";
  readonly dimensions = 0;
  constructor(private readonly agent: string) {}

  embed(_texts: string[]): Promise<number[][]> {
    return Promise.reject(new MemoryNotOpenedError(this.agent));
  }
}
