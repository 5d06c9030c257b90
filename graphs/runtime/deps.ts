import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type postgres from "postgres";
import type { EmbedderSettings } from "../../memory/index.ts";
import type { Budget } from "../../models/meter.ts";
import type { ModelGateway } from "../../models/types.ts";
import type { Logger } from "../../server/logger.ts";

/**
 * Everything a graph needs from the outside world, built once at the composition root (the
 * CLI, the server, the worker, the eval runner) and handed to graph builders. Nodes never build
 * clients or read configuration themselves.
 */
export interface Deps {
  /** The store client (the one connection, in embedded mode). */
  sql: postgres.Sql;
  models: ModelGateway;
  embedder: EmbedderSettings;
  checkpointer: BaseCheckpointSaver;
  /** Default budget of a run; a request may lower it. */
  budget: Budget;
  now: () => Date;
  logger: Logger;
}
