import type { AppEnv, Principal } from "../http/context.ts";
import type { Api } from "./api.ts";

/** Hono variables of a workspace request once its session is known. */
export interface WebEnv {
  Variables: AppEnv["Variables"] & {
    /** The signed-in key (tenant, scopes) the pages act as. */
    principal: Principal;
    /** The session's CSRF token: every form and htmx request sends it back. */
    csrf: string;
    /** /v1, in process, as the session's key. */
    api: Api;
  };
}

/** Whether the session's key may decide drafts (`approve`, or `admin` which holds every scope). */
export const canApprove = (p: Principal) => p.scopes.includes("approve") || p.scopes.includes("admin");
/** Whether the session's key may change tasks and runs (`runs:write` or `admin`). */
export const canWrite = (p: Principal) => p.scopes.includes("runs:write") || p.scopes.includes("admin");
