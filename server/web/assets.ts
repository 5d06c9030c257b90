import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

const require = createRequire(import.meta.url);
const here = (name: string) => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));

/** Every file the pages load, from the repo or node_modules (pinned in package.json): no CDN. */
const FILES: Record<string, { path: string; type: string }> = {
  "/web/assets/htmx.min.js": { path: require.resolve("htmx.org/dist/htmx.min.js"), type: "text/javascript" },
  "/web/assets/app.js": { path: here("app.js"), type: "text/javascript" },
  "/web/assets/app.css": { path: here("app.css"), type: "text/css" },
  "/docs/assets/scalar.js": {
    path: require.resolve("@scalar/api-reference/browser/standalone.js"),
    type: "text/javascript",
  },
};

/** Static assets, read once on first request and cached by the browser for an hour. */
export function assetRoutes() {
  const app = new Hono();
  const cache = new Map<string, Buffer>();
  for (const [route, file] of Object.entries(FILES)) {
    app.get(route, (c) => {
      let body = cache.get(route);
      if (!body) cache.set(route, (body = readFileSync(file.path)));
      return c.body(new Uint8Array(body), 200, {
        "content-type": `${file.type}; charset=utf-8`,
        "cache-control": "public, max-age=3600",
      });
    });
  }
  // the API reference, rendered offline by Scalar's own bundle served above
  app.get("/docs", (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>crm-agents API</title></head>
<body><div id="app"></div>
<script src="/docs/assets/scalar.js"></script>
<script>Scalar.createApiReference("#app", { url: "/openapi.json", withDefaultFonts: false, telemetry: false, agent: { disabled: true } });</script>
</body></html>`),
  );
  return app;
}
