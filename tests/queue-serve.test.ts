// `crm serve`: which roles may run where, the all-in-one process on the embedded store, separate
// api and worker processes on Postgres + Redis, and a graceful stop on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { listTenants } from "../db/index.ts";
import { listEventRules } from "../db/queries/event-rules.ts";
import { listSchedules } from "../db/queries/schedules.ts";
import { agentNamed } from "../graphs/agents.ts";
import { enqueueRun, waitForRun } from "../graphs/runtime/index.ts";
import { parseConfig } from "../server/config.ts";
import { createLogger } from "../server/logger.ts";
import { startServe, type Serving } from "../server/serve/process.ts";
import { checkRole, parseRole } from "../server/serve/roles.ts";
import { sharedStore } from "./support/checkpoint-child.ts";
import { queueProbeAgent } from "./support/queue-agent.ts";
import { probeTarget, writeQueueBook } from "./support/queue-book.ts";
import { uniquePrefix } from "./support/queue-kit.ts";

const CRM = fileURLToPath(new URL("../bin/crm.js", import.meta.url));
const logger = createLogger("silent");
const running: Serving[] = [];
afterAll(async () => {
  for (const s of running) await s.stop();
});

describe("roles", () => {
  it("runs api and worker apart only on Postgres with Redis, and names what is missing", () => {
    expect(() => checkRole("all", {})).not.toThrow();
    expect(() => checkRole("api", {})).toThrow(expect.objectContaining({ code: "ROLE_NEEDS_POSTGRES" }));
    expect(() => checkRole("worker", { DATABASE_URL: "postgres://x/y" })).toThrow(/needs REDIS_URL/);
    expect(() =>
      checkRole("worker", { DATABASE_URL: "postgres://x/y", REDIS_URL: "redis://r" }),
    ).not.toThrow();
    expect(() => parseRole("scheduler")).toThrow(/one of api, worker, all/);
    expect(() => parseConfig({ REDIS_URL: "http://r" })).toThrow(/REDIS_URL: must start with redis:\/\//);
    expect(() => parseConfig({ WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY/);
  });
});

describe("serving", () => {
  it("api and worker as separate processes' roles on Postgres and Redis", async () => {
    const shared = await sharedStore("postgres");
    const env = {
      DATABASE_URL: shared.spec.slice("postgres:".length),
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: uniquePrefix("serve"),
    };
    const agent = queueProbeAgent();
    const agents = (name: string) => (name === agent.name ? agent : agentNamed(name));
    const api = await startServe({
      role: "api",
      port: 0,
      hostname: "127.0.0.1",
      config: parseConfig(env),
      logger,
    });
    running.push(api);
    const book = await writeQueueBook(api.store.sql, "serve");
    const worker = await startServe({
      role: "worker",
      port: 0,
      config: parseConfig(env),
      logger,
      handlers: { agents },
    });
    running.push(worker);
    expect(worker.url).toBeNull();
    expect(await (await fetch(`${api.url}/readyz`)).json()).toMatchObject({
      ready: true,
      checks: { queue: { ok: true } },
    });
    // the worker gave the tenant its defaults and mirrored the nightly plan into the queue
    const [tenant] = await listTenants(api.store.sql);
    const schedules = await listSchedules(api.store.sql, tenant!.id);
    expect(schedules.map((s) => s.name)).toEqual(["nightly-plan"]);
    expect(await api.queue.scheduleIds()).toContain(schedules[0]!.id);
    expect(await listEventRules(api.store.sql, tenant!.id)).toHaveLength(6);

    // a run queued by the api process runs in the worker process's queue worker
    const { run } = await enqueueRun(api.deps, api.queue, agent, {
      tenantId: book.tenantId,
      target: probeTarget(book),
    });
    expect((await waitForRun(api.deps, book.tenantId, run.id, 30_000)).run.status).toBe("succeeded");
    await worker.stop();
    await api.stop();
  }, 60_000);

  it("`crm serve` refuses a role the embedded store cannot serve; `all` serves and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crm-serve-"));
    const env = {
      ...process.env,
      CRM_DATA_DIR: join(dir, "data"),
      DATABASE_URL: "",
      REDIS_URL: "",
      LOG_LEVEL: "info",
    };
    try {
      const refused = await crm(["serve", "--role", "api"], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--role api needs DATABASE_URL");

      let ready: unknown = null;
      const served = await crm(["serve", "--port", "0"], env, async (url) => {
        ready = await (await fetch(`${url}/readyz`)).json();
      });
      expect(served.code).toBe(0);
      expect(served.stdout).toMatch(/crm serve \(all\): API at http:\/\/localhost:\d+/);
      expect(ready).toMatchObject({ ready: true, checks: { store: { ok: true }, queue: { ok: true } } });
      expect(served.stderr).toContain('"queue":"memory"');
      expect(served.stderr).toContain('"msg":"stopped"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

/** Runs the crm binary; with `whenUp`, calls it with the API's URL once printed, then sends SIGTERM. */
function crm(args: string[], env: NodeJS.ProcessEnv, whenUp?: (url: string) => Promise<void>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CRM, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let up = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /API at (http:\/\/\S+),/.exec(stdout)?.[1];
      if (whenUp && url && !up) {
        up = true;
        whenUp(url).finally(() => child.kill("SIGTERM"));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
