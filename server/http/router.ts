import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { validationError } from "./errors.ts";

/**
 * A sub-app whose request validation failures become 400s naming the bad field (thrown to the
 * app's one `onError`); a field left out says "required". Every resource's routes are built on one.
 */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.target, result.error, readInput(result));
    },
  });
}

/** The raw value @hono/zod-validator hands its hook as `data` (not in the hook's declared type). */
function readInput(result: object): unknown {
  return "data" in result ? result.data : undefined;
}
