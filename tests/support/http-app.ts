import { ensureTenant, type Store } from "../../db/index.ts";
import { createApiKey, type ApiScope } from "../../db/queries/api-keys.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { parseConfig } from "../../server/config.ts";
import { createApp, type App, type AppOptions } from "../../server/http/app.ts";
import { createLogger } from "../../server/logger.ts";
import { jobHandlers } from "../../server/queue/handlers.ts";
import { MemoryJobQueue } from "../../server/queue/memory.ts";
import type { JobQueue } from "../../server/queue/types.ts";
import { SALES_AS_OF } from "./sales-book.ts";
import { testDeps } from "./runtime-deps.ts";
import { openTestStore, type StoreKind } from "./stores.ts";

export interface HttpHarness {
  store: Store;
  deps: Deps;
  queue: JobQueue;
  app: App;
  /** Another app over the same store and queue, with other options (rate limits …). */
  appWith(options: AppOptions): App;
  close(): Promise<void>;
}

/**
 * The HTTP app over a real store (PGlite or Postgres) and the real in-process queue, with the
 * clock at SALES_AS_OF so the sales book's policies fire. `queue` may be given (BullMQ); with
 * `worker`, this process also runs the queue's jobs (the production job handlers).
 */
export async function openHttpApp(
  kind: StoreKind,
  options: AppOptions & { queue?: (deps: Deps) => JobQueue; worker?: boolean } = {},
): Promise<HttpHarness> {
  const store = await openTestStore(kind);
  const deps = await testDeps(store, { now: () => SALES_AS_OF });
  const logger = createLogger("silent");
  const queue = options.queue?.(deps) ?? new MemoryJobQueue(logger);
  const ctx = { deps, queue, config: parseConfig({}), logger };
  const app = createApp(ctx, options);
  if (options.worker)
    await queue.startWorker(jobHandlers(deps, queue, { busyRetryMs: 200, interruptedRetryMs: 200 }), {
      concurrency: 2,
    });
  return {
    store,
    deps,
    queue,
    app,
    appWith: (other) => createApp(ctx, other),
    async close() {
      await queue.close();
      await store.close();
    },
  };
}

/** A tenant with one key per scope set a test needs. */
export interface KeyedTenant {
  tenantId: string;
  keys: { read: string; write: string; approve: string; admin: string; all: string };
}

export async function keyedTenant(store: Store, slug: string): Promise<KeyedTenant> {
  const tenantId = (await ensureTenant(store.sql, { slug, name: slug })).id;
  const make = async (name: string, scopes: ApiScope[]) =>
    (await createApiKey(store.sql, { tenantId, name, scopes })).key;
  return {
    tenantId,
    keys: {
      read: await make("read", ["read"]),
      write: await make("write", ["read", "runs:write"]),
      approve: await make("approve", ["read", "approve"]),
      admin: await make("admin", ["admin"]),
      all: await make("all", ["read", "runs:write", "approve"]),
    },
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** One request through `app.request()` (Hono's in-process fetch), JSON in and out. */
export async function call<T = Record<string, unknown>>(
  app: App,
  method: string,
  path: string,
  init: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  }
  const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    body: (type.includes("json") && text ? JSON.parse(text) : text) as T,
    headers: res.headers,
  };
}
