import { SESSION_PRINCIPAL } from "../http/auth.ts";
import type { Principal } from "../http/context.ts";

/** The root app's fetch: the workspace calls /v1 through it, in process (see `api`). */
export type ApiFetch = (req: Request, env: object) => Response | Promise<Response>;

/** What a /v1 call answered: its data, or the API's own error (code, message, field). */
export type ApiAnswer<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: { code: string; message: string; field?: string } };

/**
 * A /v1 client acting as a signed-in session's key. Each call goes through the same Hono app a
 * network client reaches (auth, scopes, rate limit, validation, error model, queries), so a page
 * shows exactly what the API would answer that key, and an action fails with the API's message.
 */
export function apiAs(fetchApi: ApiFetch, principal: Principal) {
  return async function api<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const req = new Request(`http://workspace.internal${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const res = await fetchApi(req, { [SESSION_PRINCIPAL]: principal });
    const text = await res.text();
    const parsed = text && (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : {};
    if (res.ok) return { ok: true, status: res.status, data: parsed as T };
    const error = (parsed as { error?: { code: string; message: string; field?: string } }).error ?? {
      code: `HTTP_${res.status}`,
      message: text || res.statusText,
    };
    return { ok: false, status: res.status, error };
  };
}

export type Api = ReturnType<typeof apiAs>;

/** Opens a /v1 response as a stream (the run event stream), acting as the session's key. */
export function streamAs(fetchApi: ApiFetch, principal: Principal) {
  return (path: string, headers: Record<string, string>) =>
    fetchApi(new Request(`http://workspace.internal${path}`, { headers }), {
      [SESSION_PRINCIPAL]: principal,
    });
}

/** The data of an answer, or throws its error so the page's error view shows the API's message. */
export function must<T>(answer: ApiAnswer<T>): T {
  if (answer.ok) return answer.data;
  throw new WebApiError(answer.status, answer.error);
}

/** A /v1 answer that stopped a page: rendered with the API's status and message. */
export class WebApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: { code: string; message: string; field?: string },
  ) {
    super(error.message);
    this.name = "WebApiError";
  }
}
