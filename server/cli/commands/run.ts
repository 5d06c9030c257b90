import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import type { RunTarget } from "../../../db/queries/runs.ts";
import { agentNamed } from "../../../graphs/agents.ts";
import { continueRun, runAgent } from "../../../graphs/runtime/index.ts";
import { buildDeps } from "../../deps.ts";
import { withStore } from "../context.ts";
import { agentOfRun } from "../run-agent.ts";
import { parsePositiveInt, parseSlug, parseUuid } from "../options.ts";
import { printRun } from "../print-run.ts";

interface RunOptions {
  tenant: string;
  account?: string;
  lead?: string;
  deal?: string;
  ticket?: string;
  all?: boolean;
  goal?: string;
  key?: string;
  maxLlmCalls?: number;
  maxTokens?: number;
  maxWallMs?: number;
  show: number;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("Run an agent on one entity or on every open one of a tenant, and print what it produced")
    .argument("<agent>", "agent name: sales, cs, support, marketing")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--account <id>", "one account", parseUuid)
    .option("--lead <id>", "one lead", parseUuid)
    .option("--deal <id>", "one deal", parseUuid)
    .option("--ticket <id>", "one ticket", parseUuid)
    .option("--all", "every open entity the agent works on (the default)")
    .option(
      "--goal <goal>",
      'marketing: a goal in words, or as JSON (e.g. \'{"segment":"mid_market","dormant_days":90}\')',
    )
    .option("--key <key>", "idempotency key: the same key twice returns the first run")
    .option("--max-llm-calls <n>", "lower this run's LLM-call budget", parsePositiveInt)
    .option("--max-tokens <n>", "lower this run's token budget", parsePositiveInt)
    .option("--max-wall-ms <n>", "lower this run's wall-time budget", parsePositiveInt)
    .option("--show <n>", "how many scores, tasks and drafts to print", parsePositiveInt, 20)
    .action((agentName: string, opts: RunOptions) =>
      withStore(async ({ config, store, log, out }) => {
        const agent = agentNamed(agentName);
        const tenant = await getTenant(store.sql, opts.tenant);
        const deps = await buildDeps(config, store, log);
        const leg = await runAgent(deps, agent, {
          tenantId: tenant.id,
          target: targetOf(opts),
          trigger: "cli",
          ...(opts.key ? { idempotencyKey: opts.key } : {}),
          budget: {
            ...(opts.maxLlmCalls ? { maxLlmCalls: opts.maxLlmCalls } : {}),
            ...(opts.maxTokens ? { maxTokens: opts.maxTokens } : {}),
            ...(opts.maxWallMs ? { maxWallMs: opts.maxWallMs } : {}),
          },
        });
        await printRun(store.sql, leg.run, leg.interrupts, opts.show, agent.summarize?.(leg.values) ?? []);
        if (leg.run.status === "failed") out.exitCode = 1;
      }),
    );

  program
    .command("continue")
    .description("Continue a run from its last checkpoint (after a crash, a failure or a budget stop)")
    .argument("<run-id>", "the run", parseUuid)
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--show <n>", "how many outputs to print", parsePositiveInt, 20)
    .action((runId: string, opts: { tenant: string; show: number }) =>
      withStore(async ({ config, store, log }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const agent = await agentOfRun(store.sql, tenant.id, runId);
        const leg = await continueRun(await buildDeps(config, store, log), agent, tenant.id, runId);
        await printRun(store.sql, leg.run, leg.interrupts, opts.show, agent.summarize?.(leg.values) ?? []);
      }),
    );
}

function targetOf(opts: RunOptions): RunTarget {
  const given = (["account", "lead", "deal", "ticket"] as const).filter((k) => opts[k]);
  if (given.length > 1 || (given.length === 1 && opts.all)) {
    throw new InvalidArgumentError(
      `give one target: --${given.join(", --")}${opts.all ? ", --all" : ""} were all given`,
    );
  }
  const kind = given[0];
  const filter = opts.goal === undefined ? undefined : goalFilter(opts.goal);
  if (kind) return { kind, id: opts[kind]!, ...(filter ? { filter } : {}) };
  return filter ? { kind: "segment", filter } : { kind: "all" };
}

/** `--goal`: words become `{goal}`; a JSON object `{goal: {...}}`; a JSON array `{goals: [...]}`. */
function goalFilter(goal: string): Record<string, unknown> {
  const text = goal.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return { goal: text };
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? { goals: parsed } : { goal: parsed };
  } catch (err) {
    throw new InvalidArgumentError(`--goal is not valid JSON: ${(err as Error).message}`);
  }
}
