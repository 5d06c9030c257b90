import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { authenticate, requireScope } from "../auth.ts";
import type { AppContext, AppEnv } from "../context.ts";

/** Where Bull Board is served. */
export const BULL_BOARD_PATH = "/admin/queues";

/**
 * Bull Board over the BullMQ queues behind the JobQueue, for a key with the `admin` scope (as a
 * bearer token, or as the password of HTTP Basic so a browser can log in). Null for the
 * in-process runner, which has no BullMQ queues. It shows every tenant's jobs: give admin keys
 * to operators only.
 */
export function bullBoard({ deps, queue }: AppContext): Hono<AppEnv> | null {
  const queues = queue.bullQueues();
  if (queues.length === 0) return null;
  const adapter = new HonoAdapter(serveStatic).setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const app = new Hono<AppEnv>();
  app.use("*", authenticate({ sql: deps.sql, basic: true }), requireScope("admin"));
  app.route("/", adapter.registerPlugin());
  return app;
}
