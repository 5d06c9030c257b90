import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { migrate, openStore, storeOptionsFromConfig, type Store } from "../../db/index.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import type { Config } from "../config.ts";
import { buildDeps } from "../deps.ts";
import { createApp } from "../http/app.ts";
import type { Logger } from "../logger.ts";
import { BullJobQueue } from "../queue/bullmq.ts";
import type { HandlerOptions } from "../queue/handlers.ts";
import { createQueue } from "../queue/index.ts";
import type { JobQueue } from "../queue/types.ts";
import { startCliControl, type CommandHost, type CommandRunner } from "./control.ts";
import { checkRole, type Role } from "./roles.ts";
import { startWorkerRole } from "./worker.ts";

export interface ServeOptions {
  role: Role;
  /** The API's port (0: any free port); ignored by the worker role. */
  port: number;
  /** The API's address (default 0.0.0.0). */
  hostname?: string;
  config: Config;
  logger: Logger;
  /** Handlers' options (agents, planner …); defaults are the production ones. */
  handlers?: HandlerOptions;
  /** How messages name this process (default `crm <its arguments>`). */
  command?: string;
  /**
   * How `crm` commands of other processes run in this one (the CLI's hosted runner), on an
   * embedded store in a directory; absent: this process takes none.
   */
  commands?: (host: CommandHost) => CommandRunner;
  /** Work done on the ready store before the API listens (`crm start`: the demo tenant). */
  beforeListen?: (ready: { store: Store; deps: Deps }) => Promise<void>;
}

/** A serving process: what it started, and how to stop it. */
export interface Serving {
  role: Role;
  /** The API's base URL (`http://host:port`), or null for the worker role. */
  url: string | null;
  store: Store;
  deps: Deps;
  queue: JobQueue;
  /**
   * Graceful stop: the API stops accepting connections, the worker stops taking jobs and waits up
   * to SHUTDOWN_GRACE_MS for jobs in flight (BullMQ: then releases them to other workers), then
   * the queue and the store close.
   */
  stop(): Promise<void>;
}

/** Starts `crm serve`: the store, the queue, and the API and/or the worker. */
export async function startServe(options: ServeOptions): Promise<Serving> {
  const { role, config, logger } = options;
  checkRole(role, config);
  const store = await openStore(storeOptionsFromConfig(config));
  let queue: JobQueue | null = null;
  let stopHousekeeping: (() => Promise<void>) | null = null;
  let server: ServerType | null = null;
  let stopControl: (() => Promise<void>) | null = null;
  try {
    const applied = await migrate(store.sql);
    if (applied.applied.length > 0)
      logger.info({ applied: applied.applied.map((m) => m.file) }, "migrations applied");
    const deps = await buildDeps(config, store, logger);
    // from here on, `crm` commands of other processes run in this one (embedded store)
    const command = options.command ?? `crm ${process.argv.slice(2).join(" ")}`.trim();
    if (options.commands)
      stopControl = await startCliControl(store, config, logger, command, options.commands);
    queue = createQueue(config, logger);
    if (role !== "api") {
      stopHousekeeping = await startWorkerRole(deps, queue, config, logger, {
        ...(options.handlers ? { handlers: options.handlers } : {}),
        // the embedded store is one process's: a run it left running has no worker alive
        singleProcess: store.kind === "embedded",
      });
    }
    await options.beforeListen?.({ store, deps });
    let url: string | null = null;
    if (role !== "worker") {
      const app = createApp({ deps, queue, config, logger });
      const hostname = options.hostname ?? "0.0.0.0";
      server = await listen(app.fetch, options.port, hostname);
      const { port } = server.address() as AddressInfo;
      url = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
      logger.info({ url, docs: `${url}/docs` }, "API listening");
    }
    const running = { store, queue, server, stopHousekeeping, stopControl };
    return { role, url, store, deps, queue, stop: once(() => shutdown(running, config, logger)) };
  } catch (err) {
    await shutdown({ store, queue, server, stopHousekeeping, stopControl }, config, logger);
    throw err;
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string) {
  return new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once("error", reject);
  });
}

interface Running {
  store: Store;
  queue: JobQueue | null;
  server: ServerType | null;
  stopHousekeeping: (() => Promise<void>) | null;
  stopControl: (() => Promise<void>) | null;
}

async function shutdown(r: Running, config: Config, logger: Logger): Promise<void> {
  await r.stopControl?.();
  if (r.server) await closeServer(r.server);
  await r.stopHousekeeping?.();
  if (r.queue) {
    const drained = await within(r.queue.stopWorker(), config.SHUTDOWN_GRACE_MS);
    if (!drained) {
      logger.warn(
        { graceMs: config.SHUTDOWN_GRACE_MS },
        "jobs still running at shutdown: released for retry",
      );
      if (r.queue instanceof BullJobQueue) await r.queue.abandonWorker();
    }
    await within(r.queue.close(), 5000);
  }
  await r.store.close();
  logger.info("stopped");
}

/** Stops accepting connections; open ones (SSE streams) are closed after a second. */
async function closeServer(server: ServerType): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const force = setTimeout(
    () => (server as { closeAllConnections?: () => void }).closeAllConnections?.(),
    1000,
  );
  await closed;
  clearTimeout(force);
}

async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([work.then(() => true as const), timeout]);
  clearTimeout(timer);
  return done;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | null = null;
  return () => (result ??= fn());
}
