import { ensureTenant } from "../../../db/index.ts";
import type { AgentRun } from "../../../db/queries/runs.ts";
import { seedBook } from "../../../db/seed/index.ts";
import { AGENTS } from "../../../graphs/agents.ts";
import { runAgent, type Deps } from "../../../graphs/runtime/index.ts";
import { createCheckpointer, embedderSettingsFromConfig } from "../../../memory/index.ts";
import type { ModelGateway } from "../../../models/index.ts";
import type { SuiteContext } from "../../core/types.ts";

/** A seeded book in its own tenant of the eval store, and the date it is dated. */
export interface Book {
  tenantId: string;
  slug: string;
  asOf: Date;
}

/** Seeds a synthetic book (db/seed: deterministic from seed and as-of date) into a new tenant. */
export async function seedEvalBook(
  ctx: SuiteContext,
  slug: string,
  { accounts, seed, asOf }: { accounts: number; seed: number; asOf: string },
): Promise<Book> {
  const tenant = await ensureTenant(ctx.store.sql, { slug, name: slug });
  await seedBook(ctx.store.sql, { tenantId: tenant.id, accounts, seed, asOf });
  return { tenantId: tenant.id, slug, asOf: new Date(asOf) };
}

/**
 * The eval's composition root for agent runs: its own store, the given model gateway, the
 * offline embedder (no network), and a clock pinned to the book's date, so a run sees the book
 * as it was on that day whatever the calendar says.
 */
export async function evalDeps(ctx: SuiteContext, models: ModelGateway, book: Book): Promise<Deps> {
  return {
    sql: ctx.store.sql,
    models,
    embedder: embedderSettingsFromConfig({ ...ctx.config, EMBEDDINGS_MODEL: undefined }),
    checkpointer: await createCheckpointer(ctx.store),
    budget: {
      maxLlmCalls: ctx.config.RUN_MAX_LLM_CALLS,
      maxTokens: ctx.config.RUN_MAX_TOKENS,
      maxWallMs: ctx.config.RUN_MAX_WALL_MS,
    },
    now: () => book.asOf,
    logger: ctx.logger,
  };
}

/** The agents registered in graphs/agents.ts that run over a whole book (every one today). */
export const agentNames = (): string[] => Object.keys(AGENTS);

/** One agent's run over the book, or why it could not start (e.g. it does not run on `all`). */
export type BookRun =
  { agent: string; run: AgentRun; error?: undefined } | { agent: string; run: null; error: string };

/** Runs each agent over the whole book (target `all`); an agent that refuses the target is reported, not skipped. */
export async function runAgentsOnBook(
  deps: Deps,
  book: Book,
  agents: readonly string[],
  onRun: (agent: string, status: string) => void = () => {},
): Promise<BookRun[]> {
  const runs: BookRun[] = [];
  for (const name of agents) {
    try {
      const leg = await runAgent(deps, AGENTS[name]!, {
        tenantId: book.tenantId,
        target: { kind: "all" },
        trigger: "eval",
      });
      runs.push({ agent: name, run: leg.run });
      onRun(name, leg.run.status);
    } catch (err) {
      runs.push({ agent: name, run: null, error: (err as Error).message });
      onRun(name, "not started");
    }
  }
  return runs;
}

/** The runs that failed or could not start, as one line each. */
export const failures = (runs: readonly BookRun[]): string[] =>
  runs.flatMap((r) =>
    r.run === null
      ? [`${r.agent} could not start: ${r.error}`]
      : r.run.status === "failed"
        ? [`${r.agent} run ${r.run.id} failed: ${JSON.stringify(r.run.error)}`]
        : [],
  );

/** Ids of the runs that started. */
export const runIds = (runs: readonly BookRun[]): string[] => runs.flatMap((r) => (r.run ? [r.run.id] : []));
