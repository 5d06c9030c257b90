import { z } from "zod";

/**
 * Runtime configuration, parsed once from the environment at start-up.
 * Nothing else in the codebase reads `process.env`.
 */
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
