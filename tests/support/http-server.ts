import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { App } from "../../server/http/app.ts";

/** The app on a real socket: @hono/node-server on a free loopback port. */
export async function listen(app: App): Promise<{ url: string; close(): Promise<void> }> {
  let server: ReturnType<typeof serve> | undefined;
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, resolve);
  });
  return {
    url: `http://127.0.0.1:${info.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        const s = server as unknown as {
          close(cb: (err?: Error) => void): void;
          closeAllConnections?(): void;
        };
        s.closeAllConnections?.();
        s.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
