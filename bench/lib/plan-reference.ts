import type postgres from "postgres";

/**
 * The reference for the nightly plan: the same store doing only the raw work — reading every row
 * of the plan's input tables within the windows its sources use (all accounts and contacts, open
 * leads and deals, deals closed in the last year, activities of the last 90 days, usage of the
 * last 6 months, open tickets and tickets of the last 180 days, campaign touches of the last
 * 14 days), streamed to this process, then writing copies of the rows the plan wrote (its tasks,
 * candidates and assignments) into temporary tables of the same shape in bulk, in one transaction.
 */
export async function referenceReadWrite(
  sql: postgres.Sql,
  tenantId: string,
  planId: string,
  asOf: Date,
): Promise<{ readMs: number; writeMs: number; rowsRead: number }> {
  const t = tenantId;
  const reads = [
    sql`SELECT * FROM accounts WHERE tenant_id = ${t}`,
    sql`SELECT * FROM contacts WHERE tenant_id = ${t}`,
    sql`SELECT * FROM leads WHERE tenant_id = ${t} AND status NOT IN ('converted', 'unqualified')`,
    sql`SELECT * FROM deals WHERE tenant_id = ${t}
          AND (status = 'open' OR closed_at >= ${asOf}::timestamptz - interval '365 days')`,
    sql`SELECT * FROM activities WHERE tenant_id = ${t}
          AND occurred_at < ${asOf} AND occurred_at >= ${asOf}::timestamptz - interval '90 days'`,
    sql`SELECT * FROM product_usage WHERE tenant_id = ${t}
          AND period_start >= (${asOf}::timestamptz - interval '6 months')::date`,
    sql`SELECT * FROM tickets WHERE tenant_id = ${t}
          AND (status IN ('open', 'pending', 'on_hold') OR created_at >= ${asOf}::timestamptz - interval '180 days')`,
    sql`SELECT * FROM campaign_members WHERE tenant_id = ${t}
          AND touched_at >= ${asOf}::timestamptz - interval '14 days'`,
  ];
  let rowsRead = 0;
  const r0 = performance.now();
  for (const query of reads) {
    await query.cursor(5000, (rows) => {
      rowsRead += rows.length;
    });
  }
  const readMs = performance.now() - r0;

  // the rows the plan wrote, read untimed: the write below copies them
  const tasks = await sql`
    SELECT t.* FROM tasks t WHERE t.tenant_id = ${t}
      AND t.id IN (SELECT task_id FROM plan_candidates WHERE plan_id = ${planId})`;
  const candidates = await sql`SELECT * FROM plan_candidates WHERE plan_id = ${planId}`;
  const assignments = await sql`SELECT * FROM plan_assignments WHERE plan_id = ${planId}`;

  const w0 = performance.now();
  await sql.begin(async (tx) => {
    await tx`CREATE TEMP TABLE ref_tasks (LIKE tasks INCLUDING DEFAULTS) ON COMMIT DROP`;
    await tx`CREATE TEMP TABLE ref_candidates (LIKE plan_candidates INCLUDING DEFAULTS) ON COMMIT DROP`;
    await tx`CREATE TEMP TABLE ref_assignments (LIKE plan_assignments INCLUDING DEFAULTS) ON COMMIT DROP`;
    for (const [table, rows] of [
      ["ref_tasks", tasks],
      ["ref_candidates", candidates],
      ["ref_assignments", assignments],
    ] as const) {
      for (let i = 0; i < rows.length; i += 2000)
        await tx`INSERT INTO ${tx(table)} ${tx(rows.slice(i, i + 2000) as Record<string, unknown>[])}`;
    }
  });
  const writeMs = performance.now() - w0;
  return { readMs, writeMs, rowsRead };
}
