import { ensureTenant, migrate, openStore, type Store } from "../../db/index.ts";
import { createApiKey } from "../../db/queries/api-keys.ts";
import { seedBook } from "../../db/seed/index.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { cancelRun, runAgent } from "../../graphs/runtime/index.ts";
import { parseConfig } from "../../server/config.ts";
import { buildDeps } from "../../server/deps.ts";
import { createLogger } from "../../server/logger.ts";

/** The tenant the load drives: its keys and the accounts a cs run can repeat on. */
export interface LoadBook {
  store: Store;
  tenantId: string;
  /** One key per 600 requests a minute (the per-key rate limit is 20/s). */
  keys: string[];
  /** Accounts whose first cs run ended `succeeded` (so a repeat run neither drafts nor waits). */
  targets: string[];
  warmup: { runs: number; succeeded: number; interrupted: number; other: number; seconds: number };
}

const log = (msg: string) => console.error(`  ${msg}`);

/**
 * Seeds a tenant (`accounts`, seed 42), creates its API keys, and gives `pool` customer accounts
 * their first cs run in this process (builds the tenant's memory index and the accounts' first
 * drafts): a run that waits for approval is cancelled and its account left out of the targets.
 */
export async function prepareLoadBook(options: {
  databaseUrl: string;
  accounts: number;
  pool: number;
  ratePerMin: number;
}): Promise<LoadBook> {
  const config = parseConfig({ DATABASE_URL: options.databaseUrl, DB_POOL_MAX: "6" });
  const store = await openStore({ kind: "postgres", url: options.databaseUrl, poolMax: 6 });
  await migrate(store.sql);
  const tenant = await ensureTenant(store.sql, { slug: "drill-load", name: "Sustained load drill" });
  let t0 = performance.now();
  const seeded = await seedBook(store.sql, {
    tenantId: tenant.id,
    accounts: options.accounts,
    seed: 42,
    concurrency: 2,
  });
  log(`seeded ${seeded.accounts} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const keys: string[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(options.ratePerMin / 600)); i++)
    keys.push(
      (
        await createApiKey(store.sql, {
          tenantId: tenant.id,
          name: `load-${i}`,
          scopes: ["read", "runs:write"],
        })
      ).key,
    );

  const candidates = (
    await store.sql<{ id: string }[]>`
      SELECT id FROM accounts WHERE tenant_id = ${tenant.id} AND lifecycle_stage IN ('customer', 'onboarding')
      ORDER BY md5(id::text) LIMIT ${options.pool}`
  ).map((r) => r.id);
  const deps = await buildDeps(config, store, createLogger("warn"));
  const cs = agentNamed("cs");
  const targets: string[] = [];
  const warmup = { runs: 0, succeeded: 0, interrupted: 0, other: 0, seconds: 0 };
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < candidates.length) {
        const id = candidates[next++]!;
        const leg = await runAgent(deps, cs, {
          tenantId: tenant.id,
          target: { kind: "account", id },
          trigger: "drill",
        });
        warmup.runs++;
        if (leg.run.status === "succeeded") {
          warmup.succeeded++;
          targets.push(id);
        } else if (leg.run.status === "interrupted") {
          warmup.interrupted++;
          await cancelRun(store.sql, tenant.id, leg.run.id, "drill:warmup");
        } else warmup.other++;
        if (warmup.runs % 200 === 0) log(`warm-up: ${warmup.runs}/${candidates.length} first runs`);
      }
    }),
  );
  warmup.seconds = Math.round((performance.now() - t0) / 100) / 10;
  log(`warm-up: ${JSON.stringify(warmup)}`);
  return { store, tenantId: tenant.id, keys, targets, warmup };
}
