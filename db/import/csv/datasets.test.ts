import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, openTestStore } from "../../../tests/support/stores.ts";
import { countBook, getTenant, type Store } from "../../index.ts";
import { importCsv, type ImportCsvResult } from "./index.ts";

// The datasets live beside the repository (../shared/datasets from its root), never inside it.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const datasets = resolve(root, "../shared/datasets");
const mappings = resolve(root, "db/mappings");

/** Every mapping in db/mappings, its file, and the row count the dataset's README gives. */
const CASES = [
  {
    mapping: "telco-churn",
    file: "telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv",
    rows: 7_043,
    outcomes: 7_043,
  },
  { mapping: "leads-x-education", file: "leads-x-education/Leads.csv", rows: 9_240, outcomes: 9_240 },
  { mapping: "banking77-train", file: "banking77/train.csv", rows: 10_003, outcomes: 0 },
  { mapping: "banking77-test", file: "banking77/test.csv", rows: 3_080, outcomes: 0 },
  {
    mapping: "support-tickets",
    file: "support-tickets/customer_support_tickets.csv",
    rows: 8_469,
    outcomes: 0,
  },
  {
    mapping: "multilingual-tickets",
    file: "support-tickets/multilingual-tickets-v4-first2000.csv",
    rows: 2_000,
    outcomes: 0,
  },
];

const run = (
  store: Store,
  c: (typeof CASES)[number],
  extra: { batchSize?: number; onProgress?: (rows: number, bytes: number) => void } = {},
) =>
  importCsv(store.sql, {
    file: resolve(datasets, c.file),
    mapping: resolve(mappings, `${c.mapping}.yaml`),
    tenant: "datasets",
    ...extra,
  });

describe.each(STORE_KINDS)("dataset mappings on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  const results = new Map<string, ImportCsvResult>();
  const progress: [number, number][] = [];
  beforeAll(async () => {
    store = await openTestStore(kind);
    // all six files go into one tenant: the external-id prefixes keep the ticket files apart
    for (const c of CASES) {
      const onProgress =
        c.mapping === "banking77-train"
          ? (rows: number, bytes: number) => progress.push([rows, bytes])
          : undefined;
      results.set(c.mapping, await run(store, c, onProgress ? { batchSize: 500, onProgress } : {}));
    }
    tenantId = (await getTenant(store.sql, "datasets")).id;
  });
  afterAll(() => store.close());

  it.each(CASES)("$mapping imports every row of $file ($rows)", (c) => {
    expect(results.get(c.mapping)).toMatchObject({
      rowsRead: c.rows,
      rowsImported: c.rows,
      outcomesWritten: c.outcomes,
      rowsRejected: 0,
      ignoredColumns: [],
    });
  });

  it("leaves the book with exactly the files' rows", async () => {
    const counts = await countBook(store.sql, tenantId);
    expect(counts).toMatchObject({
      accounts: 7_043,
      leads: 9_240,
      tickets: 10_003 + 3_080 + 8_469 + 2_000,
      outcomes: 7_043 + 9_240,
    });
  });

  it("streams: progress arrives batch by batch, long before the whole file is read", async () => {
    const size = (await stat(resolve(datasets, "banking77/train.csv"))).size;
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[0]![0]).toBe(500);
    expect(progress[0]![1]).toBeLessThan(size / 2);
    expect(progress.at(-1)).toEqual([10_003, size]);
  });

  it("telco: churn only in outcomes, blank TotalCharges missing, re-import changes nothing", async () => {
    const [labels] = await store.sql`
      SELECT count(*) FILTER (WHERE value)::int AS churned, count(*)::int AS total FROM outcomes
      WHERE tenant_id = ${tenantId} AND kind = 'churned' AND entity_kind = 'account'`;
    expect(labels).toEqual({ churned: 1_869, total: 7_043 });
    const [accounts] = await store.sql`
      SELECT count(*) FILTER (WHERE NOT attributes ? 'total_charges')::int AS blank_total,
             count(*) FILTER (WHERE attributes ? 'churn' OR lifecycle_stage <> 'customer')::int AS leaked
      FROM accounts WHERE tenant_id = ${tenantId}`;
    expect(accounts).toEqual({ blank_total: 11, leaked: 0 });
    const again = await run(store, CASES[0]!);
    expect(again.rowsImported).toBe(7_043);
    expect(await countBook(store.sql, tenantId)).toMatchObject({ accounts: 7_043, outcomes: 7_043 + 9_240 });
  });

  it("leads: converted outcomes, no leakage column and no 'Select' stored", async () => {
    const [labels] = await store.sql`
      SELECT count(*) FILTER (WHERE value)::int AS converted FROM outcomes
      WHERE tenant_id = ${tenantId} AND kind = 'converted' AND entity_kind = 'lead'`;
    expect(labels).toEqual({ converted: 3_561 });
    const keys = await store.sql<{ key: string }[]>`
      SELECT DISTINCT jsonb_object_keys(fields) AS key FROM leads WHERE tenant_id = ${tenantId}`;
    const leaky = /tags|quality|profile|asymmetrique|notable|converted/;
    expect(keys.map((k) => k.key).filter((k) => leaky.test(k))).toEqual([]);
    expect(keys.map((k) => k.key)).toContain("last_activity"); // an engagement signal, not on the leakage list
    const [select] = await store.sql`
      SELECT count(*)::int AS n FROM leads
      WHERE tenant_id = ${tenantId} AND (fields::text LIKE '%"Select"%' OR status <> 'new')`;
    expect(select!.n).toBe(0);
  });

  it("tickets: splits, multi-line bodies, mapped enums and multilingual labels", async () => {
    const splits = await store.sql`
      SELECT attributes->>'split' AS split, count(*)::int AS n FROM tickets
      WHERE tenant_id = ${tenantId} AND external_id LIKE 'b77-%' GROUP BY 1 ORDER BY 1`;
    expect(splits).toEqual([
      { split: "test", n: 3_080 },
      { split: "train", n: 10_003 },
    ]);
    const [first] = await store.sql`
      SELECT body, status, priority, channel, csat FROM tickets WHERE tenant_id = ${tenantId} AND external_id = 'cst-3'`;
    expect(first).toMatchObject({ status: "closed", priority: "low", channel: "social", csat: 3 });
    expect(first!.body).toContain("doesn't respond.\n\n1.8.3");
    const priorities = await store.sql`
      SELECT priority, count(*)::int AS n FROM tickets
      WHERE tenant_id = ${tenantId} AND external_id LIKE 'mlt-%' GROUP BY 1 ORDER BY 1`;
    expect(priorities).toEqual([
      { priority: "high", n: 745 },
      { priority: "low", n: 423 },
      { priority: "medium", n: 832 },
    ]);
    const [mlt] = await store.sql`
      SELECT count(*) FILTER (WHERE language = 'de')::int AS de, count(*) FILTER (WHERE subject IS NULL)::int AS no_subject,
             count(*) FILTER (WHERE jsonb_array_length(attributes->'tags') > 0)::int AS tagged
      FROM tickets WHERE tenant_id = ${tenantId} AND external_id LIKE 'mlt-%'`;
    expect(mlt).toEqual({ de: 718, no_subject: 97, tagged: 2_000 });
  });
});
