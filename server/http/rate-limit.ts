import { createMiddleware } from "hono/factory";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ApiError } from "./errors.ts";
import type { AppEnv } from "./context.ts";
import type { JobQueue } from "../queue/types.ts";

export interface RateLimitOptions {
  /** Requests a key may make at once after being idle (default 120). */
  burst?: number;
  /** Requests per second a key earns back (default 20). */
  perSecond?: number;
  now?: () => number;
  /**
   * A Redis client (ioredis) to keep the budgets in, shared by every API process on that Redis;
   * createApp passes the queue's own connection when REDIS_URL is set. Default: none, per process.
   */
  redis?: unknown;
  /** Redis key prefix of the budgets (default `crm:rate`). */
  keyPrefix?: string;
}

/** One request's draw on its key's budget. */
interface Draw {
  ok: boolean;
  remaining: number;
  retryAfterS: number;
}

interface Limiter {
  limit: number;
  /** How the budget reads in a 429's message. */
  terms: string;
  take(key: string): Promise<Draw>;
}

/**
 * The API's per-key rate limit. Over it: 429 with `Retry-After` (seconds until the key may try
 * again); every answer carries `RateLimit-Limit` and `RateLimit-Remaining`.
 *
 * - Without `redis`: a token bucket in this process's memory (`burst` at once, `perSecond` earned
 *   back); with N API replicas a key may make N times the rate.
 * - With `redis`: rate-limiter-flexible's atomic Redis counter, one budget per key for every
 *   process on that Redis: `burst` requests per window of `burst / perSecond` seconds (120 per 6 s
 *   by default). While Redis is unreachable each process falls back to an in-memory budget of the
 *   same size (the library's insurance limiter) rather than refusing or waiting; so does a process
 *   whose connection is not ready yet (the first moments after start-up).
 */
export function rateLimit(options: RateLimitOptions = {}) {
  const limiter = options.redis ? redisLimiter(options) : bucketLimiter(options);
  return createMiddleware<AppEnv>(async (c, next) => {
    const draw = await limiter.take(c.get("principal").keyId);
    c.header("RateLimit-Limit", String(limiter.limit));
    if (!draw.ok) {
      throw new ApiError(
        429,
        "RATE_LIMITED",
        `too many requests for this API key: ${limiter.terms}; retry in ${draw.retryAfterS} s`,
        undefined,
        { "Retry-After": String(draw.retryAfterS), "RateLimit-Remaining": "0" },
      );
    }
    c.header("RateLimit-Remaining", String(draw.remaining));
    await next();
  });
}

function bucketLimiter({ burst = 120, perSecond = 20, now = Date.now }: RateLimitOptions): Limiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    limit: burst,
    terms: `${burst} at once, ${perSecond} per second`,
    async take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        return {
          ok: false,
          remaining: 0,
          retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)),
        };
      }
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens), retryAfterS: 0 };
    },
  };
}

function redisLimiter({
  burst = 120,
  perSecond = 20,
  redis,
  keyPrefix = "crm:rate",
}: RateLimitOptions): Limiter {
  const duration = Math.max(1, Math.ceil(burst / perSecond));
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: burst,
    duration,
    // a Redis that is down or reconnecting answers from memory at once, never hangs a request
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: burst, duration }),
  });
  return {
    limit: burst,
    terms: `${burst} per ${duration} s, shared by every API process`,
    async take(key) {
      try {
        const res = await limiter.consume(key);
        return { ok: true, remaining: res.remainingPoints, retryAfterS: 0 };
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        return { ok: false, remaining: 0, retryAfterS: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
    },
  };
}

/**
 * The ioredis connection of the BullMQ queue behind `queue` (the Redis already there), or
 * undefined for the in-process runner.
 */
export function queueRedis(queue: JobQueue): unknown {
  const connection = queue.bullQueues()[0]?.opts.connection as { defineCommand?: unknown } | undefined;
  return typeof connection?.defineCommand === "function" ? connection : undefined;
}
