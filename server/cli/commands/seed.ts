import { terminalBar } from "../progress.ts";
import { InvalidArgumentError, type Command } from "commander";
import { ensureTenant } from "../../../db/index.ts";
import {
  DEMO_BOOK,
  formatSeedReport,
  SEED_DEFAULTS,
  seedBook,
  type SeedProgress,
} from "../../../db/seed/index.ts";
import { withStore } from "../context.ts";
import type { CliOutput } from "../output.ts";
import { parseNonNegativeInt, parsePositiveInt, parseSlug } from "../options.ts";

interface SeedFlags {
  tenant: string;
  accounts: number;
  leads?: number;
  tickets?: number;
  seed: number;
  asOf: string;
  chunk: number;
}

/** `crm seed`: a synthetic, deterministic CRM book for a tenant (the demo tenant by default). */
export function registerSeed(program: Command): void {
  program
    .command("seed")
    .description(
      "Generate a synthetic CRM book for a tenant: the same seed and as-of date always give the same " +
        "rows, and running it again updates them in place instead of adding more",
    )
    .option("--tenant <slug>", "tenant to seed; created if missing", parseSlug, DEMO_BOOK.slug)
    .option("--accounts <n>", "number of accounts", parsePositiveInt, SEED_DEFAULTS.accounts)
    .option("--leads <n>", "number of leads (default: accounts × 2)", parseNonNegativeInt)
    .option("--tickets <n>", "number of support tickets (default: accounts × 1.5)", parseNonNegativeInt)
    .option("--seed <n>", "random seed", parseNonNegativeInt, SEED_DEFAULTS.seed)
    .option("--as-of <date>", "the instant the book is as of (ISO 8601)", parseInstant, SEED_DEFAULTS.asOf)
    .option("--chunk <n>", "accounts per transaction", parsePositiveInt, SEED_DEFAULTS.chunkAccounts)
    .action((flags: SeedFlags) =>
      withStore(async ({ store, out }) => {
        const name = flags.tenant === DEMO_BOOK.slug ? DEMO_BOOK.name : flags.tenant;
        const tenant = await ensureTenant(store.sql, { slug: flags.tenant, name });
        const progress = progressBar(out, flags.accounts);
        try {
          const report = await seedBook(store.sql, {
            tenantId: tenant.id,
            accounts: flags.accounts,
            seed: flags.seed,
            asOf: flags.asOf,
            chunkAccounts: flags.chunk,
            ...(flags.leads !== undefined ? { leads: flags.leads } : {}),
            ...(flags.tickets !== undefined ? { tickets: flags.tickets } : {}),
            // a pool writes one chunk while the next is generated; the embedded store has one connection
            concurrency: store.kind === "postgres" ? 2 : 1,
            ...(progress ? { onProgress: progress.update } : {}),
          });
          progress?.stop();
          out.log(`seeded tenant ${tenant.slug} in ${store.describe()}`);
          out.log(formatSeedReport(report));
        } finally {
          progress?.stop();
        }
      }),
    );
}

function parseInstant(value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime()))
    throw new InvalidArgumentError(`expected an ISO 8601 date or time, got "${value}"`);
  return t.toISOString();
}

/** A progress bar by accounts on stderr, only when stderr is a terminal. */
function progressBar(out: CliOutput, accounts: number) {
  const bar = terminalBar(
    out,
    "seed {bar} {percentage}% | {value}/{total} accounts | {rows} rows | ETA {eta_formatted}",
    accounts,
    { rows: 0 },
  );
  if (!bar) return undefined;
  let stopped = false;
  return {
    update: (p: SeedProgress) => {
      // the book-wide rows come first, with no accounts yet: an update then would show no ETA
      if (p.accountsDone > 0) bar.update(p.accountsDone, { rows: p.rowsWritten.toLocaleString("en-US") });
    },
    stop: () => {
      if (!stopped) bar.stop();
      stopped = true;
    },
  };
}
