import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { freePort } from "./free-port.ts";

const PG_BIN = "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root (initdb refuses root). */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  const isRoot = process.getuid?.() === 0;
  return isRoot
    ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args]]
    : [join(PG_BIN, bin), args];
}

/**
 * Starts a throwaway PostgreSQL 15 cluster (with pgvector available) on a free loopback port, in a
 * temporary directory that `stop()` removes. Missing binaries produce an error that says how to
 * install them.
 */
export async function startPostgres(): Promise<PostgresServer> {
  if (
    !existsSync(join(PG_BIN, "initdb")) ||
    !existsSync("/usr/share/postgresql/15/extension/vector.control")
  ) {
    throw new Error(
      "PostgreSQL 15 with pgvector is not installed. Run `bash .ci/install-deps.sh` as root (see README).",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "crm-pg-"));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, "data");
  const [initCmd, initArgs] = pgCommand("initdb", [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const port = await freePort();
  const [cmd, args] = pgCommand("postgres", [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=200",
    "-c",
    "shared_buffers=256MB",
  ]);
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      await sql`SELECT 1`;
      await sql.end();
      break;
    } catch (err) {
      await sql.end({ timeout: 0 });
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    adminUrl,
    async stop() {
      // pg_ctl signals the postmaster itself: a signal to the runuser wrapper would not reach it.
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      const [stopCmd, stopArgs] = pgCommand("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);
      execFileSync(stopCmd, stopArgs, { stdio: "pipe" });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
