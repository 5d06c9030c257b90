import { Hono } from "hono";
import type { AppContext, AppEnv } from "../http/context.ts";
import type { ApiFetch } from "./api.ts";
import { assetRoutes } from "./assets.ts";
import type { WebEnv } from "./env.ts";
import { pageErrors } from "./errors.tsx";
import { accountRoutes } from "./pages/accounts.tsx";
import { evalRoutes } from "./pages/evals.tsx";
import { inboxRoutes } from "./pages/inbox.tsx";
import { planRoutes } from "./pages/plan.tsx";
import { runRoutes } from "./pages/runs.tsx";
import { cookieSecret, requireSession } from "./session.ts";
import { signinRoutes, signoutRoute } from "./signin.tsx";

export { workspaceLink } from "./signin.tsx";
export type { ApiFetch } from "./api.ts";

/** Every page but sign-in needs a session (sign-in routes are matched first). */
const PAGES = "/app/*";

/**
 * The ops workspace: server-rendered pages (hono/jsx, htmx from node_modules) over the same /v1
 * routes a network client calls, through `fetchApi` as the signed-in session's key. Also serves
 * /docs (the API reference, offline) and its assets.
 */
export function workspace(ctx: AppContext, fetchApi: ApiFetch) {
  const sql = ctx.deps.sql;
  const secret = cookieSecret(sql);
  const app = new Hono<AppEnv>();
  app.route("/", assetRoutes());
  app.route("/", signinRoutes(sql, secret));
  for (const path of ["/", "/app", "/app/"]) app.get(path, (c) => c.redirect("/app/inbox", 303));
  const pages = new Hono<WebEnv>();
  pages.use(PAGES, requireSession(sql, secret, fetchApi));
  pages.onError(pageErrors);

  pages.route("/", signoutRoute(sql, secret));
  pages.route("/", inboxRoutes(ctx));
  pages.route("/", planRoutes(ctx));
  pages.route("/", runRoutes(fetchApi));
  pages.route("/", accountRoutes(ctx));
  pages.route("/", evalRoutes());
  app.route("/", pages as unknown as Hono<AppEnv>);
  return app;
}
