import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { startPostgres, type PostgresServer } from "./postgres-server.ts";
import { startRedis, type RedisServer } from "./redis-server.ts";

let pg: PostgresServer | undefined;
let redis: RedisServer | undefined;

/**
 * Starts the real services the tests use, once per test run: a throwaway PostgreSQL 15 cluster
 * with pgvector on a free port, and a redis-server on another. Each test file then creates its
 * own database in Postgres.
 */
export async function setup(project: TestProject) {
  pg = await startPostgres();
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  // Roles are cluster-wide; creating it once here avoids a race between test files migrating at once.
  await admin`CREATE ROLE crm_tenant NOLOGIN`;
  await admin.end();
  project.provide("postgresAdminUrl", pg.adminUrl);
  redis = await startRedis();
  project.provide("redisUrl", redis.url);
}

export async function teardown() {
  await redis?.stop();
  await pg?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** A real redis-server on a free port; tests use their own key prefix or queue names. */
    redisUrl: string;
  }
}
