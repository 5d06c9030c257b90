import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { startPostgres, type PostgresServer } from "./postgres-server.ts";

let pg: PostgresServer | undefined;

/**
 * Starts the real services the tests use, once per test run: a throwaway PostgreSQL 15 cluster
 * with pgvector on a free port. Each test file then creates its own database in it.
 */
export async function setup(project: TestProject) {
  pg = await startPostgres();
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  // Roles are cluster-wide; creating it once here avoids a race between test files migrating at once.
  await admin`CREATE ROLE crm_tenant NOLOGIN`;
  await admin.end();
  project.provide("postgresAdminUrl", pg.adminUrl);
}

export async function teardown() {
  await pg?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
