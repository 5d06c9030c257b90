export { createCheckpointer, CHECKPOINT_SCHEMA } from "./checkpointer.ts";
export type { CheckpointerOptions } from "./checkpointer.ts";
export { pgPoolAdapter } from "./pg-adapter.ts";
export type { PgAdapterOptions, PgPoolLike, PgClientLike, PgResult } from "./pg-adapter.ts";
