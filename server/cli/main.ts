import { Command } from "commander";
import { ConfigError } from "../config.ts";
import { DbError } from "../../db/index.ts";
import { registerApprove } from "./commands/approve.ts";
import { registerRun } from "./commands/run.ts";
import { registerTrain } from "./commands/train.ts";
import { registerExport } from "./commands/export.ts";
import { registerImport } from "./commands/import.ts";
import { registerKey } from "./commands/key.ts";
import { registerMemory } from "./commands/memory.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerSeed } from "./commands/seed.ts";
import { registerStart } from "./commands/start.ts";
import { registerTenant } from "./commands/tenant.ts";

const program = new Command()
  .name("crm")
  .description("crm-agents: CRM agents on LangGraph.js over a Postgres + pgvector store")
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });

registerStart(program);
registerMigrate(program);
registerTenant(program);
registerKey(program);
registerSeed(program);
registerImport(program);
registerExport(program);
registerMemory(program);
registerRun(program);
registerApprove(program);
registerTrain(program);
registerPlan(program);
// loaded on demand: serve brings in the HTTP server and the queue clients, eval the suites;
// no other command needs them
(await import("./commands/serve.ts")).registerServe(program);
(await import("./commands/eval.ts")).registerEval(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // errors with a stable code are the user's to fix: their message says what is wrong
  if (err instanceof ConfigError || err instanceof DbError || hasCode(err)) {
    console.error(`crm: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
}

function hasCode(err: unknown): err is Error {
  return err instanceof Error && typeof (err as { code?: unknown }).code === "string";
}
