import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { authenticateOperator } from "../auth.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";

/** Where Bull Board is served. */
export const BULL_BOARD_PATH = "/admin/queues";

/**
 * Bull Board over the BullMQ queues behind the JobQueue, for the system operator only. Its queues
 * hold every tenant's jobs (their data names tenants, runs, plans), and the board cannot filter
 * them by tenant, so no tenant credential opens it — not even an `admin` key: it takes the
 * operator token (`operatorToken`, from CRM_OPERATOR_TOKEN) as a bearer token, or as the password
 * of HTTP Basic so a browser can log in. Without a token configured it answers 404 saying how to
 * turn it on. Null for the in-process runner, which has no BullMQ queues.
 */
export function bullBoard(
  { deps, queue }: AppContext,
  operatorToken: string | undefined,
): Hono<AppEnv> | null {
  const queues = queue.bullQueues();
  if (queues.length === 0) return null;
  const app = new Hono<AppEnv>();
  if (!operatorToken) {
    app.all("*", () => {
      throw new ApiError(
        404,
        "BULL_BOARD_OFF",
        "Bull Board is off: set CRM_OPERATOR_TOKEN (32 characters or more) to serve it to the operator",
      );
    });
    return app;
  }
  const adapter = new HonoAdapter(serveStatic).setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  app.use("*", authenticateOperator({ sql: deps.sql, token: operatorToken, what: "Bull Board" }));
  app.route("/", adapter.registerPlugin());
  return app;
}
