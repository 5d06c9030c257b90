import { z } from "zod";

/**
 * A snapshot is a directory: `manifest.json` plus one `<table>.jsonl` per table, one row per line
 * as Postgres's own `to_jsonb(row)`, so every type (dates, numerics, arrays, jsonb, vectors)
 * round-trips exactly through `jsonb_populate_recordset` on import.
 */
export const SNAPSHOT_FORMAT = "crm-agents-snapshot";
export const SNAPSHOT_VERSION = 1;

/**
 * Tenant tables in an order that satisfies every foreign key, each with its conflict key (the
 * primary key, or the natural key of tables without one) and the column to order rows by.
 */
export const SNAPSHOT_TABLES = [
  { table: "tenants", key: ["id"], order: "id" },
  { table: "api_keys", key: ["id"], order: "id" },
  { table: "users", key: ["id"], order: "id" },
  { table: "accounts", key: ["id"], order: "id" },
  { table: "contacts", key: ["id"], order: "id" },
  { table: "leads", key: ["id"], order: "id" },
  { table: "deals", key: ["id"], order: "id" },
  { table: "deal_stage_history", key: ["id"], order: "id" },
  { table: "deal_contacts", key: ["deal_id", "contact_id"], order: "deal_id, contact_id" },
  { table: "tickets", key: ["id"], order: "id" },
  { table: "activities", key: ["id"], order: "id" },
  {
    table: "product_usage",
    key: ["tenant_id", "account_id", "granularity", "period_start"],
    order: "account_id, granularity, period_start",
  },
  { table: "campaigns", key: ["id"], order: "id" },
  { table: "campaign_members", key: ["id"], order: "id" },
  { table: "kb_articles", key: ["id"], order: "id" },
  { table: "outcomes", key: ["id"], order: "id" },
  // parents before children (parent_run_id), then by id
  { table: "agent_runs", key: ["id"], order: "parent_run_id NULLS FIRST, created_at, id" },
  { table: "run_events", key: ["id"], order: "id" },
  { table: "scores", key: ["id"], order: "id" },
  { table: "tasks", key: ["id"], order: "id" },
  { table: "drafts", key: ["id"], order: "id" },
  { table: "outbox", key: ["id"], order: "id" },
  { table: "audit_log", key: ["id"], order: "id" },
  { table: "embeddings", key: ["id"], order: "id" },
  { table: "memory_indexes", key: ["tenant_id", "embedder"], order: "embedder" },
  { table: "score_models", key: ["tenant_id", "name", "version"], order: "name, version" },
  { table: "segments", key: ["id"], order: "id" },
  { table: "segment_members", key: ["segment_id", "account_id"], order: "segment_id, account_id" },
  { table: "plans", key: ["id"], order: "id" },
  { table: "plan_candidates", key: ["plan_id", "task_id"], order: "plan_id, task_id" },
  { table: "plan_assignments", key: ["plan_id", "task_id"], order: "plan_id, task_id" },
  { table: "schedules", key: ["id"], order: "id" },
  { table: "event_rules", key: ["id"], order: "id" },
  { table: "tenant_defaults", key: ["tenant_id", "name"], order: "name" },
] as const;

export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number]["table"];

export const manifestSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  /** highest migration applied where the snapshot was taken */
  schema_version: z.number().int(),
  exported_at: z.string(),
  tenant: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() }),
  tables: z.record(
    z.string(),
    z.object({ file: z.string(), rows: z.number().int().nonnegative(), columns: z.array(z.string()) }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;
