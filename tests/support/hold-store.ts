// Child process for the embedded-store lock tests: opens the store at argv[2], prints "opened"
// and waits to be killed, or prints the error's code and message and exits 1.
import { openStore, migrate } from "../../db/index.ts";

const dataDir = process.argv[2]!;
try {
  const store = await openStore({ kind: "embedded", dataDir });
  await migrate(store.sql);
  await store.sql`INSERT INTO tenants (slug, name) VALUES (${`t${process.pid}`}, 'held') ON CONFLICT DO NOTHING`;
  console.log("opened");
  setInterval(() => {}, 1_000);
} catch (err) {
  console.log(`${(err as { code?: string }).code ?? "ERROR"}: ${(err as Error).message}`);
  process.exit(1);
}
