import { createMiddleware } from "hono/factory";
import { ApiError } from "./errors.ts";
import type { AppEnv } from "./context.ts";

export interface RateLimitOptions {
  /** Requests a key may make at once after being idle (default 120). */
  burst?: number;
  /** Requests per second a key earns back (default 20). */
  perSecond?: number;
  now?: () => number;
}

/**
 * A token bucket per API key, in this process's memory: with N API replicas a key may make N
 * times the rate. Over the limit: 429 with `Retry-After` (seconds until a token is back).
 * Every answer carries `RateLimit-Limit` and `RateLimit-Remaining`.
 */
export function rateLimit({ burst = 120, perSecond = 20, now = Date.now }: RateLimitOptions = {}) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = c.get("principal").keyId;
    const t = now();
    const bucket = buckets.get(id) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    buckets.set(id, bucket);
    c.header("RateLimit-Limit", String(burst));
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
      throw new ApiError(
        429,
        "RATE_LIMITED",
        `too many requests for this API key: ${burst} at once, ${perSecond} per second; retry in ${retryAfter} s`,
        undefined,
        { "Retry-After": String(retryAfter), "RateLimit-Remaining": "0" },
      );
    }
    bucket.tokens -= 1;
    c.header("RateLimit-Remaining", String(Math.floor(bucket.tokens)));
    await next();
  });
}
