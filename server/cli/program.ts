import { Command } from "commander";
import { registerApprove } from "./commands/approve.ts";
import { registerExport } from "./commands/export.ts";
import { registerImport } from "./commands/import.ts";
import { registerKey } from "./commands/key.ts";
import { registerMemory } from "./commands/memory.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerRun } from "./commands/run.ts";
import { registerSeed } from "./commands/seed.ts";
import { registerStart } from "./commands/start.ts";
import { registerTenant } from "./commands/tenant.ts";
import { registerTrain } from "./commands/train.ts";

/**
 * The `crm` program with every command. `configure` runs before the commands are added, so
 * settings commander copies to subcommands (output, exitOverride) reach all of them.
 */
export async function buildProgram(configure: (program: Command) => void = () => {}): Promise<Command> {
  const program = new Command()
    .name("crm")
    .description("crm-agents: CRM agents on LangGraph.js over a Postgres + pgvector store")
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  configure(program);
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
  return program;
}
