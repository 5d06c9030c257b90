/**
 * The agents' compiled graphs for LangGraph Studio and the LangGraph CLI (`langgraph.json`).
 *
 * Loading this module opens the store the environment configures (DATABASE_URL, or the embedded
 * store in CRM_DATA_DIR — which one process at a time may hold) and compiles every agent over it.
 * Studio can load, draw and run each graph: invoked without the runtime's run scope, a graph builds
 * one from its config (`configurable.tenant`, default the demo tenant; see studio-scope.ts).
 */
import { migrate, openStore, storeOptionsFromConfig } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";
import { buildDeps } from "../server/deps.ts";
import { createLogger } from "../server/logger.ts";
import { agentNamed } from "./agents.ts";
import { withStudioScope } from "./studio-scope.ts";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const store = await openStore(storeOptionsFromConfig(config));
await migrate(store.sql);
const deps = await buildDeps(config, store, logger);

const studioGraph = (name: string) => withStudioScope(deps, agentNamed(name), agentNamed(name).graph(deps));

/** Each name here is a key of `AGENTS` and an entry of `langgraph.json`. */
export const sales = studioGraph("sales");
export const cs = studioGraph("cs");
export const marketing = studioGraph("marketing");
export const support = studioGraph("support");
export const planner = studioGraph("planner");

/** Releases the store (for scripts and tests that load this module and then exit). */
export const closeStudio = (): Promise<void> => store.close();
