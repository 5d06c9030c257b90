// The HTTP API: `crm serve` builds it with createApp over the composition root's clients.
export { createApp } from "./app.ts";
export type { App, AppOptions } from "./app.ts";
export type { AppContext, Principal } from "./context.ts";
export { ApiError } from "./errors.ts";
export type { ErrorBody } from "./errors.ts";
