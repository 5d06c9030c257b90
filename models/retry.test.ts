import { describe, expect, it } from "vitest";
import { backoffDelay, classifyError, retryAfterMs } from "./retry.ts";
import { MalformedOutputError } from "./structured.ts";

const httpError = (status: number, headers: unknown = {}) =>
  Object.assign(new Error(`${status} from server`), { status, headers });

describe("classifyError", () => {
  it("retries timeouts, 429, 5xx and connection errors", () => {
    expect(classifyError(new Error("aborted"), true)).toMatchObject({ kind: "transient", reason: "timeout" });
    const timeout = Object.assign(new Error("t"), { name: "TimeoutError" });
    expect(classifyError(timeout, false)).toMatchObject({ kind: "transient", reason: "timeout" });
    expect(classifyError(httpError(429, new Headers({ "retry-after": "3" })), false)).toMatchObject({
      kind: "transient",
      reason: "http_429",
      retryAfterMs: 3000,
    });
    expect(classifyError(httpError(503), false)).toMatchObject({ kind: "transient", reason: "http_503" });
    const refused = new Error("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    expect(classifyError(refused, false)).toMatchObject({ kind: "transient", reason: "network" });
  });

  it("gives up at once on other 4xx and unknown errors", () => {
    for (const status of [400, 401, 404]) {
      expect(classifyError(httpError(status), false)).toMatchObject({
        kind: "fatal",
        reason: `http_${status}`,
      });
    }
    expect(classifyError(new TypeError("bug"), false)).toMatchObject({ kind: "fatal", reason: "error" });
  });

  it("calls invalid JSON and schema mismatches malformed", () => {
    expect(classifyError(new SyntaxError("Unexpected end of JSON input"), false).kind).toBe("malformed");
    expect(classifyError(new MalformedOutputError("bad"), false).kind).toBe("malformed");
  });
});

describe("backoff", () => {
  it("doubles with jitter between half and the whole exponential delay, capped", () => {
    expect(backoffDelay(0, undefined, () => 0)).toBe(125);
    expect(backoffDelay(0, undefined, () => 1)).toBe(250);
    expect(backoffDelay(2, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(10, undefined, () => 1)).toBe(4000);
  });

  it("honours Retry-After up to its cap", () => {
    expect(backoffDelay(0, 2000, () => 1)).toBe(2000);
    expect(backoffDelay(0, 120_000, () => 1, { maxRetryAfterMs: 5000 })).toBe(5000);
  });

  it("reads retry-after-ms, seconds and HTTP dates", () => {
    expect(retryAfterMs({ "retry-after-ms": "150" })).toBe(150);
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }))).toBe(1500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Wed, 01 Jan 2025 00:00:04 GMT" }, now)).toBe(4000);
    expect(retryAfterMs({})).toBeUndefined();
  });
});
