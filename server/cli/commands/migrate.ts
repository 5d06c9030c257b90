import type { Command } from "commander";
import { withStore } from "../context.ts";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending schema migrations (also done automatically by every command)")
    .action(() =>
      withStore(async ({ store, out }) => {
        const [row] = await store.sql<
          { version: number }[]
        >`SELECT max(version) AS version FROM schema_migrations`;
        out.log(`${store.describe()}: schema at migration ${row?.version ?? 0}`);
      }),
    );
}
