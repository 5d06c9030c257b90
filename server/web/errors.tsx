import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { WebApiError } from "./api.ts";
import type { WebEnv } from "./env.ts";
import { ApiErrorNote, Layout } from "./layout.tsx";

/** A page stopped by an API error shows the API's status and message; anything else is logged. */
export function pageErrors(err: Error, c: Context<WebEnv>) {
  const api = err instanceof WebApiError ? err : null;
  if (!api) c.get("log")?.error({ err }, "workspace page failed");
  const status = (api?.status ?? 500) as ContentfulStatusCode;
  const error = api?.error ?? {
    code: "INTERNAL",
    message: "internal error; see the server log for the request id",
  };
  if (c.req.header("hx-request")) return c.html(<ApiErrorNote error={error} />, 200);
  return c.html(
    <Layout
      title={status === 404 ? "Not found" : "Something failed"}
      path={c.req.path}
      principal={c.get("principal")}
      csrf={c.get("csrf")}
    >
      <ApiErrorNote error={error} />
    </Layout>,
    status,
  );
}
