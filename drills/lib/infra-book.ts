// The work of an infrastructure drill: a seeded book, and offline single-account cs and sales runs
// queued through the runtime (enqueueRun), as the API queues them.
import { ensureTenant, type Store } from "../../db/index.ts";
import { seedBook } from "../../db/seed/index.ts";
import { AGENTS } from "../../graphs/agents.ts";
import { enqueueRun, type Deps } from "../../graphs/runtime/index.ts";
import { openTenantMemory } from "../../memory/index.ts";
import { parseConfig } from "../../server/config.ts";
import { buildDeps } from "../../server/deps.ts";
import { createLogger } from "../../server/logger.ts";
import { createQueue, type JobQueue } from "../../server/queue/index.ts";

export interface DrillBook {
  tenantId: string;
  deps: Deps;
  /** The drill's producer side of the queue (the workers' queue, same prefix and job policy). */
  queue: JobQueue;
}

/**
 * A tenant with a seeded book of `accounts` accounts, its semantic memory built (a tenant's first
 * run would build it otherwise), and the queue the API would use (createQueue, same config).
 */
export async function seedDrillBook(
  store: Store,
  opts: { slug: string; accounts: number; redisUrl: string; prefix: string },
): Promise<DrillBook> {
  const tenant = await ensureTenant(store.sql, { slug: opts.slug, name: `Drill ${opts.slug}` });
  await seedBook(store.sql, { tenantId: tenant.id, accounts: opts.accounts, seed: 42, concurrency: 2 });
  const config = parseConfig({ REDIS_URL: opts.redisUrl, QUEUE_PREFIX: opts.prefix });
  const logger = createLogger("silent");
  const deps = await buildDeps(config, store, logger);
  await openTenantMemory(store.sql, tenant.id, deps.embedder);
  return { tenantId: tenant.id, deps, queue: createQueue(config, logger) };
}

/** Accounts each agent has work on: cs on paying accounts, sales on open deals or live leads. */
async function targets(book: DrillBook, agent: "cs" | "sales", n: number, skip: number): Promise<string[]> {
  const { sql } = book.deps;
  const rows =
    agent === "cs"
      ? await sql<{ id: string }[]>`
          SELECT id FROM accounts WHERE tenant_id = ${book.tenantId}
            AND lifecycle_stage IN ('customer', 'onboarding')
          ORDER BY md5(id::text) LIMIT ${n} OFFSET ${skip}`
      : await sql<{ id: string }[]>`
          SELECT id FROM accounts a WHERE tenant_id = ${book.tenantId}
            AND (EXISTS (SELECT 1 FROM deals d WHERE d.account_id = a.id AND d.status = 'open')
              OR EXISTS (SELECT 1 FROM leads l WHERE l.account_id = a.id
                          AND l.status NOT IN ('converted', 'unqualified')))
          ORDER BY md5(id::text) LIMIT ${n} OFFSET ${skip}`;
  return rows.map((r) => r.id);
}

export interface QueuedRun {
  id: string;
  agent: string;
}

/**
 * Queues `count` runs, half cs and half sales, each on an account of its own (so none waits
 * behind another on a busy target), after the accounts of the runs `before`. Fails if the book
 * has too few accounts for that.
 */
export async function enqueueDrillRuns(
  book: DrillBook,
  count: number,
  before: QueuedRun[] = [],
): Promise<QueuedRun[]> {
  const half = { cs: Math.ceil(count / 2), sales: Math.floor(count / 2) };
  const runs: QueuedRun[] = [];
  for (const agent of ["cs", "sales"] as const) {
    const skip = before.filter((r) => r.agent === agent).length;
    const ids = await targets(book, agent, half[agent], skip);
    if (ids.length < half[agent]) {
      throw new Error(
        `the book has ${ids.length} accounts with ${agent} work, ${half[agent]} runs need as many: seed more --accounts`,
      );
    }
    for (const id of ids) {
      const { run } = await enqueueRun(book.deps, book.queue, AGENTS[agent]!, {
        tenantId: book.tenantId,
        target: { kind: "account", id },
        trigger: "api",
      });
      runs.push({ id: run.id, agent });
    }
  }
  return runs;
}
