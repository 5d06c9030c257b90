import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { Logger } from "../logger.ts";
import type { AppEnv } from "./context.ts";

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane, else a new uuid),
 * echoes it in the answer, and logs one JSON line per request with method, path, status and
 * duration through a child logger that handlers extend (tenant, run id).
 */
export function requestLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    c.set("requestId", requestId);
    c.set("log", logger.child({ requestId }));
    c.header("X-Request-Id", requestId);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = c.res.status >= 500 ? "error" : c.res.status >= 400 ? "warn" : "info";
    c.get("log")[level]({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, "request");
  });
}
