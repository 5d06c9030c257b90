/**
 * The agents' compiled graphs for LangGraph Studio and the LangGraph CLI (`langgraph.json`).
 *
 * Loading this module opens the store the environment configures (DATABASE_URL, or the embedded
 * store in CRM_DATA_DIR — which one process at a time may hold) and compiles every agent over it.
 * Studio can load and draw each graph; running one needs the run scope (tenant, run row, budget
 * meter) that only the run runtime sets, so runs go through `crm run` or `POST /v1/runs`.
 */
import { migrate, openStore, storeOptionsFromConfig } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";
import { buildDeps } from "../server/deps.ts";
import { createLogger } from "../server/logger.ts";
import { agentNamed } from "./agents.ts";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const store = await openStore(storeOptionsFromConfig(config));
await migrate(store.sql);
const deps = await buildDeps(config, store, logger);

/** Each name here is a key of `AGENTS` and an entry of `langgraph.json`. */
export const sales = agentNamed("sales").graph(deps);
export const cs = agentNamed("cs").graph(deps);
export const marketing = agentNamed("marketing").graph(deps);
export const support = agentNamed("support").graph(deps);
export const planner = agentNamed("planner").graph(deps);

/** Releases the store (for scripts and tests that load this module and then exit). */
export const closeStudio = (): Promise<void> => store.close();
