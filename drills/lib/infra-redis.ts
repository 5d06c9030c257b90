// A redis-server the redis-restart drill can stop and start again on the same port and data dir.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "../../tests/support/free-port.ts";

/** `aof`: append-only file, fsync every second (what a production Redis for BullMQ runs); `none`: nothing kept. */
export type RedisPersistence = "aof" | "none";

export class RestartableRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly persistence: RedisPersistence,
  ) {}

  static async start(persistence: RedisPersistence): Promise<RestartableRedis> {
    const redis = new RestartableRedis(
      await freePort(),
      mkdtempSync(join(tmpdir(), "crm-drill-redis-")),
      persistence,
    );
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port and directory; resolves when it answers PING. */
  async start(): Promise<void> {
    const keep =
      this.persistence === "aof"
        ? ["--appendonly", "yes", "--appendfsync", "everysec"]
        : ["--appendonly", "no"];
    const args = [
      "--port",
      String(this.port),
      "--bind",
      "127.0.0.1",
      "--dir",
      this.dir,
      "--save",
      "",
      ...keep,
    ];
    this.child = spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
    const child = this.child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`redis-server exited (${child.exitCode}) on port ${this.port}`);
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on("error", () => {});
      try {
        await client.connect();
        // with an append-only file, LOADING answers an error until the data is back
        if ((await client.ping()) === "PONG") return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`redis-server did not answer on ${this.url}: ${String(err)}`);
      } finally {
        client.disconnect();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops it: SIGTERM (a clean shutdown, the append-only file flushed) or SIGKILL (a crash). */
  async stop(signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  /** Keys the server holds under `prefix` (to see what a restart kept). */
  async keyCount(prefix: string): Promise<number> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      let n = 0;
      let cursor = "0";
      do {
        const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        cursor = next;
        n += keys.length;
      } while (cursor !== "0");
      return n;
    } finally {
      client.disconnect();
    }
  }

  async cleanup(): Promise<void> {
    await this.stop("SIGTERM");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
