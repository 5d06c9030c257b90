import { bodyLimit } from "hono/body-limit";
import { authenticate } from "../http/auth.ts";
import type { AppContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { assistantRoutes } from "./assistants.ts";
import { cronRoutes } from "./crons.ts";
import { runOpRoutes } from "./run-ops.ts";
import { runRoutes } from "./runs.ts";
import { storeRoutes } from "./store.ts";
import { threadRoutes } from "./threads.ts";

/** The path prefixes the protocol answers on, at the root as LangGraph's server does. */
export const PROTOCOL_PATHS = ["/assistants", "/threads", "/runs", "/store"] as const;

/**
 * LangGraph's Agent Protocol (what `@langchain/langgraph-sdk`, Studio and Agent Inbox speak) over
 * the runtime, store, queue and API keys of /v1: assistants are the agent graphs, threads are
 * targets' conversations (or free ones), runs are agent runs. `x-api-key` or `Authorization:
 * Bearer` carries the same per-tenant keys and scopes. Mounted at the root: `createApp` calls
 * `app.route("/", protocolRoutes(ctx))`.
 */
export function protocolRoutes(ctx: AppContext, { bodyLimitBytes = 1024 * 1024 } = {}) {
  const app = router();
  const limit = bodyLimit({
    maxSize: bodyLimitBytes,
    onError: () => {
      throw new ApiError(
        413,
        "PAYLOAD_TOO_LARGE",
        `the request body is larger than ${bodyLimitBytes} bytes`,
        "body",
      );
    },
  });
  const auth = authenticate({ sql: ctx.deps.sql });
  for (const base of PROTOCOL_PATHS) {
    app.use(base, limit, auth);
    app.use(`${base}/*`, limit, auth);
  }
  app.route("/", assistantRoutes(ctx));
  app.route("/", threadRoutes(ctx));
  app.route("/", cronRoutes(ctx));
  app.route("/", runOpRoutes(ctx));
  app.route("/", runRoutes(ctx));
  app.route("/", storeRoutes(ctx));
  return app;
}
