import type { Deps } from "../../graphs/runtime/index.ts";
import type { ApiScope } from "../../db/queries/api-keys.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { JobQueue } from "../queue/types.ts";

/** What `crm serve` hands the HTTP app: the composition root's clients. */
export interface AppContext {
  deps: Deps;
  queue: JobQueue;
  config: Config;
  logger: Logger;
}

/** The API key a request authenticated with; every /v1 route works in its tenant. */
export interface Principal {
  keyId: string;
  tenantId: string;
  /** The key's public prefix: requests act as `api_key:<prefix>` in audit logs and approvals. */
  prefix: string;
  scopes: ApiScope[];
}

/** Hono variables set by the middleware in this folder. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The request's logger: carries the request id (and the run id once a handler knows it). */
    log: Logger;
    principal: Principal;
  };
}
