import { AsyncLocalStorage } from "node:async_hooks";
import { CommanderError, type Command } from "commander";
import type { Store } from "../../db/index.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { describeCliError } from "./errors.ts";
import { capturedOutput, type CliOutput } from "./output.ts";

/** A serving process that runs CLI commands over its own store (see ../control). */
export interface CliHost {
  store: Store;
  config: Config;
  logger: Logger;
  /** How the CLI names this process in messages, e.g. "process 4242 (crm start)". */
  describe: string;
}

interface Hosted extends CliHost {
  out: CliOutput;
  /** The calling CLI's working directory: relative paths in its argv were made absolute. */
  cwd: string;
}

const hosted = new AsyncLocalStorage<Hosted>();

/** The host a command runs inside, or undefined in a `crm` process of its own. */
export function currentHost(): Hosted | undefined {
  return hosted.getStore();
}

/** Commands that start a serving process: they cannot run inside one. */
const NOT_HOSTED = new Set(["start", "serve"]);

/** Builds a fresh `crm` program (commands registered), with `configure` applied first. */
export type ProgramFactory = (configure: (program: Command) => void) => Promise<Command>;

let programs: ProgramFactory | null = null;

/**
 * Which program hosted command lines run: the CLI's entry point registers it (main.ts), so this
 * file does not import the commands that import it.
 */
export function hostPrograms(factory: ProgramFactory): void {
  programs = factory;
}

/** The runner `startServe` takes: each command line runs in this process, over `host`. */
export const hostedCommands =
  (host: CliHost) =>
  (argv: string[], cwd: string, write: (stream: "stdout" | "stderr", text: string) => void) =>
    runHostedCli(argv, host, cwd, write);

/**
 * Runs one `crm` command line inside the serving process, over its store and configuration,
 * with the command's output sent to `write` (never to this process's console). Resolves with
 * the command's exit code: 0, 1 for a failure, commander's code for bad usage.
 */
export async function runHostedCli(
  argv: string[],
  host: CliHost,
  cwd: string,
  write: (stream: "stdout" | "stderr", text: string) => void,
): Promise<number> {
  const out = capturedOutput(write);
  const name = argv.find((a) => !a.startsWith("-"));
  if (name && NOT_HOSTED.has(name)) {
    out.error(
      `crm: \`crm ${name}\` cannot run inside ${host.describe}, which already serves this store; ` +
        `stop it first (Ctrl-C), or give this command another CRM_DATA_DIR`,
    );
    return 1;
  }
  if (!programs) {
    out.error(`crm: ${host.describe} takes no crm commands (it was not started by the crm CLI)`);
    return 1;
  }
  const program = await programs((p: Command) =>
    p.exitOverride().configureOutput({
      writeOut: (text) => write("stdout", text),
      writeErr: (text) => write("stderr", text),
    }),
  );
  const logger = host.logger.child({ cli: argv.slice(0, 3).join(" ") });
  try {
    await hosted.run({ ...host, logger, out, cwd }, () => program.parseAsync(argv, { from: "user" }));
    return out.exitCode;
  } catch (err) {
    // exitOverride: commander has already written its message (usage, help, version)
    if (err instanceof CommanderError) return err.exitCode;
    out.error(describeCliError(err));
    return 1;
  }
}
