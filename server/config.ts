import { z } from "zod";

/**
 * Runtime configuration, parsed once from the environment at start-up.
 * Nothing else in the codebase reads `process.env`.
 */
const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s]+$/.test(v), "must be an http:// or https:// URL");

const configSchema = z.object({
  /** Postgres ≥ 15 with pgvector. Unset: the embedded PGlite store is used. */
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://")
    .optional(),
  /** Embedded store data directory (default `./.data`); `memory://` keeps it in memory. */
  CRM_DATA_DIR: z.string().trim().min(1).default("./.data"),
  /** Connections in the pool for DATABASE_URL (default 10). The embedded store always uses one. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** pino log level (default `info`). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  // ── Model layer ──────────────────────────────────────────────────────────────────────────
  /** Chat model name, e.g. `gpt-4o-mini`, `llama3.1`. Unset: the offline provider (rules and templates). */
  LLM_MODEL: z.string().trim().min(1).optional(),
  /** OpenAI-compatible base URL (default OpenAI's); e.g. `http://localhost:11434/v1` for Ollama. */
  LLM_BASE_URL: httpUrl.optional(),
  /** API key for the endpoint. Local servers usually accept any value (default `not-needed`). */
  LLM_API_KEY: z.string().trim().min(1).optional(),
  /** Per-call timeout in milliseconds (default 30000). */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Retries of a timed-out, 429 or 5xx call before falling back to the offline provider (default 2). */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Sampling temperature (default 0, so replays and evals are comparable). */
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  /** Record/replay of model calls: off (default), record, replay, replay-or-fail. */
  LLM_CASSETTE_MODE: z.enum(["off", "record", "replay", "replay-or-fail"]).default("off"),
  /** Cassette file for record/replay (default `./cassettes/default.json`). */
  LLM_CASSETTE: z.string().trim().min(1).default("./cassettes/default.json"),

  // ── Embeddings ───────────────────────────────────────────────────────────────────────────
  /** Embedding model name; set to use an OpenAI-compatible embeddings endpoint. Unset: the offline hashing embedder. */
  EMBEDDINGS_MODEL: z.string().trim().min(1).optional(),
  /** Embeddings base URL (default LLM_BASE_URL, then OpenAI's). */
  EMBEDDINGS_BASE_URL: httpUrl.optional(),
  /** Embeddings API key (default LLM_API_KEY). */
  EMBEDDINGS_API_KEY: z.string().trim().min(1).optional(),
  /** Vector length the embedding model returns (default 1536); must be one memory/ supports. */
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(4096).default(1536),

  // ── Run budgets (defaults for every run; a run request may lower them) ─────────────────
  /** Most LLM calls one run may make (default 50). */
  RUN_MAX_LLM_CALLS: z.coerce.number().int().min(0).default(50),
  /** Most tokens (in + out) one run may use (default 200000). */
  RUN_MAX_TOKENS: z.coerce.number().int().min(0).default(200_000),
  /** Longest wall time of one run in milliseconds (default 600000). */
  RUN_MAX_WALL_MS: z.coerce.number().int().min(1).default(600_000),

  // ── Processes and queue (crm serve) ──────────────────────────────────────────────────────
  /** `redis://…` or `rediss://…`: jobs go through BullMQ. Unset: the in-process runner (one process). */
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v), "must start with redis:// or rediss://")
    .optional(),
  /** HTTP port of the API (default 8080); `crm serve --port` wins. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Jobs (runs, plan batches) one worker process runs at once (default 2). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Redis key prefix of the BullMQ queue (default `crm`). */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only")
    .default("crm"),
  /** Attempts of a failing job, the first included, retried with exponential backoff (default 3). */
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** First retry delay of a failed job in milliseconds; doubles per attempt (default 1000). */
  JOB_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  /** A worker's job lock (ms): a worker that died loses its jobs to others after this (default 30000). */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Accounts per child job of the nightly plan flow (default 500). */
  PLAN_BATCH_ACCOUNTS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How long a stopping process waits for jobs in flight before releasing them (ms, default 25000). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),

  // ── HTTP security ────────────────────────────────────────────────────────────────────────
  /**
   * The system operator's token (≥ 32 characters), the only credential Bull Board
   * (/admin/queues) accepts: it shows every tenant's jobs, so no tenant key opens it. Unset:
   * Bull Board is not served.
   */
  CRM_OPERATOR_TOKEN: z.string().trim().min(32, "must be at least 32 characters").optional(),
  /**
   * Origins allowed to call the API from a browser (CORS), comma-separated, e.g.
   * `https://crm.example.com,http://localhost:5173`. Unset (default): no CORS headers at all.
   */
  CRM_CORS_ORIGINS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((o) => /^https?:\/\/[^\s/]+$/.test(o)),
      "each origin must be scheme://host[:port], with no path or trailing slash",
    )
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

/** Raised when an environment variable holds a bad value; the message names the variable. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses configuration from an environment-shaped record (empty strings count as unset). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Parses `process.env`; called once by each entry point (CLI, server, worker). */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
