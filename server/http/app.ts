import { workspace } from "../web/index.ts";
import { bodyLimit } from "hono/body-limit";
import { authenticate } from "./auth.ts";
import type { AppContext } from "./context.ts";
import { ApiError, toApiError } from "./errors.ts";
import { requireJsonBody } from "./content-type.ts";
import { corsFor } from "./cors.ts";
import { protocolRoutes } from "../protocol/index.ts";
import { createMetrics } from "./metrics.ts";
import { queueRedis, rateLimit, type RateLimitOptions } from "./rate-limit.ts";
import { requestLog } from "./request-log.ts";
import { router } from "./router.ts";
import { BULL_BOARD_PATH, bullBoard } from "./routes/admin.ts";
import { approvalRoutes } from "./routes/approvals.ts";
import { draftRoutes } from "./routes/drafts.ts";
import { entityRoutes } from "./routes/entities/index.ts";
import { eventRuleRoutes } from "./routes/event-rules.ts";
import { eventRoutes } from "./routes/events.ts";
import { opsRoutes } from "./routes/ops.ts";
import { outboxRoutes } from "./routes/outbox.ts";
import { planRoutes } from "./routes/plans.ts";
import { runEventRoutes, type EventStreamOptions } from "./routes/run-events.ts";
import { runRoutes } from "./routes/runs.ts";
import { scheduleRoutes } from "./routes/schedules.ts";
import { scoreRoutes } from "./routes/scores.ts";
import { taskRoutes } from "./routes/tasks.ts";

export interface AppOptions {
  /** Largest request body, in bytes (default 1 MiB); larger answers 413. */
  bodyLimitBytes?: number;
  /**
   * Per-key rate limit (defaults: burst 120, 20 per second); kept in the queue's Redis, shared by
   * every API process, when REDIS_URL is set.
   */
  rateLimit?: RateLimitOptions;
  /** Origins allowed by CORS (default CRM_CORS_ORIGINS; none: no CORS). */
  corsOrigins?: readonly string[];
  /** The operator token Bull Board takes (default CRM_OPERATOR_TOKEN; none: Bull Board is off). */
  operatorToken?: string;
  /** Server-Sent Events polling (defaults: 250 ms, heartbeat 15 s). */
  events?: EventStreamOptions;
}

/**
 * The HTTP API: /v1 resources behind API-key auth, a per-key rate limit and a body limit;
 * /healthz, /readyz and /metrics for operators; the OpenAPI 3.1 document at /openapi.json and
 * its reference UI at /docs. Every error answers `{ error: { code, message, field? } }`.
 */
export function createApp(ctx: AppContext, options: AppOptions = {}) {
  const { bodyLimitBytes = 1024 * 1024 } = options;
  const app = router();
  app.use("*", requestLog(ctx.logger));
  // before authentication: a browser's preflight carries no key
  const cors = corsFor(options.corsOrigins ?? ctx.config.CRM_CORS_ORIGINS);
  if (cors) app.use("*", cors);
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: () => {
        throw new ApiError(
          413,
          "PAYLOAD_TOO_LARGE",
          `the request body is larger than ${bodyLimitBytes} bytes`,
          "body",
        );
      },
    }),
    authenticate({ sql: ctx.deps.sql }),
    rateLimit({ redis: ctx.config.REDIS_URL ? queueRedis(ctx.queue) : undefined, ...options.rateLimit }),
    requireJsonBody(),
  );

  app.route("/", opsRoutes(ctx, createMetrics(ctx)));
  app.route("/", protocolRoutes(ctx)); // LangGraph Agent Protocol (server/protocol)
  app.route("/v1/runs", runRoutes(ctx));
  app.route("/v1/runs", runEventRoutes(ctx, options.events ?? {}));
  app.route("/v1", approvalRoutes(ctx));
  app.route("/v1/tasks", taskRoutes(ctx));
  app.route("/v1/scores", scoreRoutes(ctx));
  app.route("/v1/drafts", draftRoutes(ctx));
  app.route("/v1/outbox", outboxRoutes(ctx));
  app.route("/v1", entityRoutes(ctx));
  app.route("/v1/plans", planRoutes(ctx));
  app.route("/v1/schedules", scheduleRoutes(ctx));
  app.route("/v1", eventRoutes(ctx));
  app.route("/v1", eventRuleRoutes(ctx));

  const board = bullBoard(ctx, options.operatorToken ?? ctx.config.CRM_OPERATOR_TOKEN);
  if (board) app.route(BULL_BOARD_PATH, board);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API key from `crm key create --tenant <slug> --scopes read,runs:write`",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "crm-agents API",
      version: "1.0.0",
      description:
        "Trigger CRM agents, follow their runs, approve their drafts, and read what they produced. " +
        "Every /v1 route is scoped to the API key's tenant.",
    },
    security: [{ bearer: [] }],
  });
  app.route(
    "/",
    workspace(ctx, (req, env) => app.fetch(req, env)),
  ); // pages, /docs offline

  app.notFound((c) =>
    c.json(new ApiError(404, "ROUTE_NOT_FOUND", `no route ${c.req.method} ${c.req.path}`).body(), 404),
  );
  app.onError((err, c) => {
    const api = toApiError(err);
    if (api) {
      for (const [name, value] of Object.entries(api.headers)) c.header(name, value);
      return c.json(api.body(), api.status);
    }
    c.get("log")?.error({ err }, "request failed");
    return c.json(
      { error: { code: "INTERNAL", message: "internal error; see the server log for the request id" } },
      500,
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
