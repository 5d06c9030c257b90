import { ensureTenant } from "../../db/index.ts";
import { createApiKey, type ApiScope } from "../../db/queries/api-keys.ts";
import type { Tenant } from "../../db/queries/tenants.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { parseConfig } from "../../server/config.ts";
import { createApp, type App } from "../../server/http/app.ts";
import { createLogger } from "../../server/logger.ts";
import { jobHandlers } from "../../server/queue/handlers.ts";
import { MemoryJobQueue } from "../../server/queue/memory.ts";
import { prepareDemoTenant } from "../../server/start/demo.ts";
import { runMainJob, type MainJobResult } from "../../server/start/main-job.ts";
import { listen } from "./http-server.ts";
import { testDeps } from "./runtime-deps.ts";
import { openTestStore } from "./stores.ts";
import type { Store } from "../../db/index.ts";

export interface Workspace {
  store: Store;
  deps: Deps;
  app: App;
  url: string;
  demo: Tenant;
  started: MainJobResult;
  /** A key of the demo tenant with the given scopes. */
  key(scopes: ApiScope[], name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * What `crm start` leaves behind, served on a real socket: the demo tenant loaded, every agent
 * run once over its book and the day's plan made (drafts wait for a person), on embedded PGlite,
 * with the in-process queue and its worker (approvals resume runs through it).
 */
export async function startedWorkspace(): Promise<Workspace> {
  const store = await openTestStore("pglite");
  const deps = await testDeps(store);
  const logger = createLogger("silent");
  const queue = new MemoryJobQueue(logger);
  const config = parseConfig({});
  const app = createApp({ deps, queue, config, logger });
  await queue.startWorker(jobHandlers(deps, queue, { busyRetryMs: 200, interruptedRetryMs: 200 }), {
    concurrency: 2,
  });
  const log = console.log;
  console.log = () => {};
  let demo: Tenant;
  let started: MainJobResult;
  try {
    demo = await prepareDemoTenant(store, config);
    started = await runMainJob(deps, demo);
  } finally {
    console.log = log;
  }
  const server = await listen(app);
  let n = 0;
  return {
    store,
    deps,
    app,
    url: server.url,
    demo,
    started,
    key: async (scopes, name = `web-${++n}`) =>
      (await createApiKey(store.sql, { tenantId: demo.id, name, scopes })).key,
    async close() {
      await server.close();
      await queue.close();
      await store.close();
    },
  };
}

/** A second tenant with its own key (and no rows of the first). */
export async function otherTenantKey(store: Store, slug: string): Promise<string> {
  const tenantId = (await ensureTenant(store.sql, { slug, name: slug })).id;
  return (await createApiKey(store.sql, { tenantId, name: "web", scopes: ["read", "runs:write", "approve"] }))
    .key;
}
