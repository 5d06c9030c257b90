import fc from "fast-check";
import type { App } from "../../server/http/app.ts";
import { requestArb, type FuzzRequest } from "./api-fuzz-arbs.ts";
import {
  deref,
  fillPath,
  operations,
  type JsonSchema,
  type OpenApiDoc,
  type Operation,
} from "./api-openapi.ts";

/** Error codes that are about no request field: an unknown route, a rate limit. */
const NO_FIELD = new Set(["ROUTE_NOT_FOUND", "RATE_LIMITED"]);
/** Longest a request may take before it counts as hung. */
const HANG_MS = 15_000;

export interface RouteTally extends Record<string, string | number> {
  route: string;
  requests: number;
  "2xx": number;
  "4xx": number;
  "5xx": number;
  "4xx without field": number;
}

export interface FuzzFailure {
  route: string;
  problem: string;
  request: FuzzRequest;
  status: number;
  answer: string;
}

export interface FuzzReport {
  routes: RouteTally[];
  failures: FuzzFailure[];
  /** Answers by status code over all routes. */
  statuses: Record<string, number>;
  requests: number;
}

/**
 * Fuzzes every operation of the app's OpenAPI document with `runs` requests each (fast-check,
 * fixed `seed`): path, query and header parameters, bodies, auth and content-type headers. A
 * request fails the drill when it answers 5xx, takes over 15 s, or answers a 4xx whose body is not
 * `{error: {code, message, field}}` with a field that names a part of the request.
 * `known` holds real ids of the key's tenant by parameter name, so handlers past validation run.
 */
export async function fuzzApi(
  app: App,
  key: string,
  known: Record<string, string[]>,
  options: { runs: number; seed: number },
): Promise<FuzzReport> {
  const { doc, ops } = await operations(app);
  const report: FuzzReport = { routes: [], failures: [], statuses: {}, requests: 0 };
  for (const [i, op] of ops.entries()) {
    const route = `${op.method} ${op.path}`;
    const tally: RouteTally = { route, requests: 0, "2xx": 0, "4xx": 0, "5xx": 0, "4xx without field": 0 };
    const requests = fc.sample(requestArb(doc, op, key, known), {
      numRuns: options.runs,
      seed: options.seed + i,
    });
    for (const req of requests) {
      const { status, text, type } = await send(app, op, req);
      tally.requests++;
      report.requests++;
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      const klass =
        status >= 500 ? "5xx" : status >= 400 ? "4xx" : status >= 200 && status < 300 ? "2xx" : null;
      if (klass) tally[klass]++;
      const problem = check(doc, op, status, text, type);
      if (problem) {
        if (status < 500 && status >= 400) tally["4xx without field"]++;
        report.failures.push({ route, problem, request: req, status, answer: text.slice(0, 500) });
      }
    }
    report.routes.push(tally);
  }
  return report;
}

async function send(
  app: App,
  op: Operation,
  req: FuzzRequest,
): Promise<{ status: number; text: string; type: string }> {
  const qs = new URLSearchParams(req.query).toString();
  const url = fillPath(op.path, req.path) + (qs ? `?${qs}` : "");
  const body = op.path === "/v1/runs" && req.body !== undefined ? shortWait(req.body) : req.body;
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const res = await Promise.race([
      app.request(url, { method: op.method, headers: req.headers, ...(body !== undefined ? { body } : {}) }),
      hung,
    ]);
    const type = res.headers.get("content-type") ?? "";
    // an event stream follows its run: its status and headers are the answer
    if (type.startsWith("text/event-stream")) {
      await res.body?.cancel();
      return { status: res.status, text: "", type };
    }
    return { status: res.status, text: await Promise.race([res.text(), hung]), type };
  } catch (err) {
    return { status: 599, text: `client: ${(err as Error).message}`, type: "" };
  } finally {
    clearTimeout(timer);
  }
}

/** mode "wait" on a queue without a worker would wait wait_timeout_ms (up to 10 min): at most 50 ms here. */
function shortWait(raw: string): string {
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v) && (v as { mode?: unknown }).mode === "wait") {
      const w = (v as { wait_timeout_ms?: unknown }).wait_timeout_ms;
      if (w === undefined || (typeof w === "number" && w > 50))
        return JSON.stringify({ ...v, wait_timeout_ms: 50 });
    }
  } catch {
    // not JSON: sent as it is
  }
  return raw;
}

/** What is wrong with one answer, or null. */
export function check(
  doc: OpenApiDoc,
  op: Operation,
  status: number,
  text: string,
  type: string,
): string | null {
  if (status === 599) return text;
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  if (!type.includes("json")) return `${status} is not JSON (${type})`;
  let body: { error?: { code?: unknown; message?: unknown; field?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `${status} body is not JSON`;
  }
  const e = body.error;
  if (typeof e?.code !== "string" || typeof e.message !== "string")
    return `${status} without error.code/message`;
  if (NO_FIELD.has(e.code)) return null;
  if (typeof e.field !== "string" || e.field === "") return `${status} ${e.code} names no field`;
  const first = e.field.split(".")[0]!;
  if (!requestParts(doc, op).has(first))
    return `${status} ${e.code}: field "${e.field}" is not part of the request`;
  return null;
}

/** Names a 4xx's field may start with: body, auth and content headers, the operation's parameters and body properties. */
function requestParts(doc: OpenApiDoc, op: Operation): Set<string> {
  const names = new Set(["body", "authorization", "content-type"]);
  for (const p of [...op.pathParams, ...op.queryParams, ...op.headerParams]) names.add(p.name);
  const walk = (s: JsonSchema, depth: number) => {
    if (depth > 3) return;
    const d = deref(doc, s);
    for (const k of Object.keys((d.properties ?? {}) as object)) names.add(k);
    for (const u of ((d.anyOf ?? d.oneOf ?? d.allOf) as JsonSchema[] | undefined) ?? []) walk(u, depth + 1);
  };
  if (op.body) walk(op.body, 0);
  return names;
}
