import { createHash, randomBytes } from "node:crypto";
import postgres from "postgres";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ensureTenant, migrate, openStore, type Store } from "../db/index.ts";
import { registerKey } from "../server/cli/commands/key.ts";
import { parseConfig } from "../server/config.ts";
import { createApp } from "../server/http/app.ts";
import { createLogger } from "../server/logger.ts";
import { MemoryJobQueue } from "../server/queue/memory.ts";
import { crm } from "./support/crm-cli.ts";
import { testDeps } from "./support/runtime-deps.ts";

describe("crm key create / list / revoke, and the API honouring them", () => {
  let url: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let queue: MemoryJobQueue;

  beforeAll(async () => {
    const admin = postgres(inject("postgresAdminUrl"), { max: 1, onnotice: () => {} });
    const name = `crm_keys_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(inject("postgresAdminUrl"));
    u.pathname = `/${name}`;
    url = u.toString();
    store = await openStore({ kind: "postgres", url, poolMax: 2 });
    await migrate(store.sql);
    const logger = createLogger("silent");
    queue = new MemoryJobQueue(logger);
    app = createApp({ deps: await testDeps(store), queue, config: parseConfig({}), logger });
  });
  afterAll(async () => {
    await queue?.close();
    await store?.close();
  });

  /**
   * The `crm key` commands in this process (a `crm` subprocess costs seconds of TypeScript
   * loading per call): output and errors as the binary would print them.
   */
  async function key(args: string[]): Promise<{ stdout: string; stderr: string; error?: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    const warn = vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
    const program = new Command().exitOverride().configureOutput({ writeErr: (line) => err.push(line) });
    registerKey(program);
    try {
      await program.parseAsync(["key", ...args], { from: "user" });
      return { stdout: out.join("\n"), stderr: err.join("\n") };
    } catch (e) {
      return { stdout: out.join("\n"), stderr: err.join("\n"), error: (e as Error).message };
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
  }

  it("prints a key once, stores only its hash, lists it without the secret, and a revoked key answers 401", async () => {
    await ensureTenant(store.sql, { slug: "keys-cli", name: "keys-cli" });
    // once through the real binary: `crm key` is wired into the CLI
    const created = await crm(
      ["key", "create", "--tenant", "keys-cli", "--scopes", "read,runs:write", "--name", "ci"],
      { DATABASE_URL: url },
    );
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("not shown again");

    const [row] = await store.sql<{ key_hash: string; scopes: string[]; prefix: string }[]>`
      SELECT key_hash, scopes, prefix FROM api_keys WHERE name = 'ci'`;
    expect(row!.key_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row!.scopes).toEqual(["read", "runs:write"]);
    expect(JSON.stringify(await store.sql`SELECT * FROM api_keys`)).not.toContain(secret.split("_").at(-1));

    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = "silent";
    const listed = await key(["list", "--tenant", "keys-cli"]);
    expect(listed.stdout).toContain(`${row!.prefix}\tci\tread,runs:write\tlive`);
    expect(listed.stdout).not.toContain(secret);
    const bad = await key(["create", "--tenant", "keys-cli", "--scopes", "read,superuser"]);
    expect(bad.stderr).toContain('"superuser"');
    const taken = await key(["create", "--tenant", "keys-cli", "--name", "ci"]);
    expect(taken.error).toContain('live key named "ci"');

    const auth = { headers: { authorization: `Bearer ${secret}` } };
    expect((await app.request("/v1/tasks", auth)).status).toBe(200);
    const [used] = await store.sql<
      { last_used_at: Date | null }[]
    >`SELECT last_used_at FROM api_keys WHERE name = 'ci'`;
    expect(used!.last_used_at).toBeInstanceOf(Date);

    expect((await key(["revoke", "ci", "--tenant", "keys-cli"])).stdout).toContain(`revoked ${row!.prefix}`);
    expect((await app.request("/v1/tasks", auth)).status).toBe(401);
    expect((await key(["list", "--tenant", "keys-cli"])).stdout).toMatch(/\tci\tread,runs:write\trevoked /);
    expect((await key(["revoke", "ci", "--tenant", "keys-cli"])).error).toContain('no live key "ci"');
  });
});
