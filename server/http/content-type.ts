import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context.ts";
import { unsupportedMediaType } from "./errors.ts";

/** `application/json`, with parameters such as `; charset=utf-8`. */
const JSON_TYPE = /^application\/json\s*(;.*)?$/i;

/**
 * Refuses a request body that is not declared JSON with 415, naming the header to send (`curl -d`
 * alone sends form encoding and lands here). A request without a body passes whatever it
 * declares: POSTs such as `…/cancel` need none.
 */
export function requireJsonBody() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header("content-type");
    if (!JSON_TYPE.test(type?.trim() ?? "") && (await hasBody(c))) throw unsupportedMediaType(type ?? null);
    await next();
  });
}

/** Whether the request carries a non-empty body; only looked at for a body that is not JSON. */
async function hasBody(c: Context): Promise<boolean> {
  const length = c.req.header("content-length");
  if (length !== undefined) return length.trim() !== "0";
  const raw = c.req.raw;
  if (raw.body === null) return false;
  // chunked, or a Request built in process: read a copy until the first byte
  const reader = raw.clone().body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
