import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { resolve } from "node:path";
import { lockDataDir } from "./lock.ts";

/** A PGlite instance served on a loopback port to exactly one driver connection. */
export interface EmbeddedServer {
  host: string;
  port: number;
  dataDir: string | null;
  stop(): Promise<void>;
}

export const IN_MEMORY = "memory://";

/**
 * Starts PGlite (with pgvector) and serves it on 127.0.0.1 on a free port.
 *
 * The socket server accepts a single connection: PGlite is one Postgres session, and more than
 * one client connection makes prepared statements of different connections interleave and
 * return wrong rows (STACK.md, electric-sql/pglite#1046). Everything in the process therefore
 * shares the one postgres.js connection opened on it.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
  const inMemory = dataDir === IN_MEMORY;
  const dir = inMemory ? null : resolve(dataDir);
  const release = dir ? lockDataDir(dir) : () => {};
  try {
    const db = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), extensions: { vector } });
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
    await server.start();
    const [host = "127.0.0.1", port = ""] = server.getServerConn().split(":");
    return {
      host,
      port: Number(port),
      dataDir: dir,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
