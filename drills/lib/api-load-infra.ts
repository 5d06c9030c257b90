import postgres from "postgres";
import { startPostgres } from "../../tests/support/postgres-server.ts";
import { startRedis } from "../../tests/support/redis-server.ts";

/** Where the sustained-load drill's Postgres and Redis are, and how to tear down what it started. */
export interface LoadInfra {
  databaseUrl: string;
  redisUrl: string;
  /** What was started for the drill ("throwaway …") or given. */
  describe: string;
  stop(): Promise<void>;
}

/**
 * Postgres and Redis for the drill: the given URLs, or a throwaway PostgreSQL 15 cluster (a new
 * database `crm_drill_load` in it) and a throwaway redis-server, both removed by `stop()`.
 */
export async function openLoadInfra(given: { databaseUrl?: string; redisUrl?: string }): Promise<LoadInfra> {
  const stops: (() => Promise<void>)[] = [];
  const parts: string[] = [];
  try {
    let databaseUrl = given.databaseUrl;
    if (!databaseUrl) {
      const pg = await startPostgres();
      stops.push(() => pg.stop());
      const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
      await admin`CREATE DATABASE crm_drill_load`;
      await admin.end();
      const url = new URL(pg.adminUrl);
      url.pathname = "/crm_drill_load";
      databaseUrl = url.toString();
      parts.push("throwaway PostgreSQL 15");
    } else parts.push("given DATABASE_URL");
    let redisUrl = given.redisUrl;
    if (!redisUrl) {
      const redis = await startRedis();
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      parts.push("throwaway redis-server");
    } else parts.push("given REDIS_URL");
    return {
      databaseUrl,
      redisUrl,
      describe: parts.join(" + "),
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw err;
  }
}
