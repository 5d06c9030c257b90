import { ensureTenant, type Sql } from "../../db/index.ts";

export interface SmallBook {
  tenantId: string;
  accountId: string;
  contactId: string;
  dealId: string;
}

/**
 * Writes a small book touching every column type the schema uses (numeric, date, timestamptz,
 * text[], jsonb objects and arrays, identity ids, vectors), for round-trip and isolation tests.
 */
export async function writeSmallBook(sql: Sql, slug: string): Promise<SmallBook> {
  const tenant = await ensureTenant(sql, { slug, name: `Tenant ${slug}` });
  const t = tenant.id;
  const [user] = await sql<{ id: string }[]>`
    INSERT INTO users (tenant_id, name, email, role, capacity_hours_per_day, skills, territories, time_zone)
    VALUES (${t}, 'Ana Rep', 'ana@example.com', 'rep', 6.5, ${["enterprise", "de"]}, ${["EMEA"]}, 'Europe/Berlin')
    RETURNING id`;
  const [account] = await sql<{ id: string }[]>`
    INSERT INTO accounts (tenant_id, external_id, name, employees, plan, mrr, arr, owner_id, renewal_date, attributes)
    VALUES (${t}, 'ACC-1', ${`${slug} GmbH`}, 120, 'pro', 1234.56, 14814.72, ${user!.id}, '2027-03-31',
            ${sql.json({ industry_code: 62, tags: ["x", "y"] })})
    RETURNING id`;
  const [contact] = await sql<{ id: string }[]>`
    INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email, email_consent, opted_out_at, opt_out_source)
    VALUES (${t}, ${account!.id}, 'Bo', 'Buyer', 'decision_maker', 'bo@example.com', false, '2026-10-01T09:30:00Z', 'unsubscribe link')
    RETURNING id`;
  const [deal] = await sql<{ id: string }[]>`
    INSERT INTO deals (tenant_id, account_id, owner_id, name, stage, amount, probability, expected_close)
    VALUES (${t}, ${account!.id}, ${user!.id}, 'Expansion', 'proposal', 50000, 0.4, '2026-12-15')
    RETURNING id`;
  await sql`
    INSERT INTO deal_stage_history (tenant_id, deal_id, stage, entered_at, exited_at) VALUES
      (${t}, ${deal!.id}, 'discovery', '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'),
      (${t}, ${deal!.id}, 'proposal', '2026-10-01T00:00:00Z', NULL)`;
  await sql`INSERT INTO deal_contacts (tenant_id, deal_id, contact_id, role) VALUES (${t}, ${deal!.id}, ${contact!.id}, 'champion')`;
  await sql`
    INSERT INTO product_usage (tenant_id, account_id, period_start, active_users, seats_used, events)
    VALUES (${t}, ${account!.id}, '2026-10-01', 40, 45, 12345678901)`;
  await sql`
    INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, priority, queue, created_at, sla_first_response_minutes)
    VALUES (${t}, ${account!.id}, ${contact!.id}, 'Login fails', 'I cannot log in since the update.', 'high', 'tech', '2026-11-01T08:00:00Z', 60)`;
  await sql`
    INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, probability, tier, reasons, model_version, agent, idempotency_key)
    VALUES (${t}, 'account', ${account!.id}, 'health', 62.5, 0.21, 'watch',
            ${sql.json([{ factor: "usage_trend", contribution: -12 }])}, 'rules-v1', 'customer_success', 'k1')`;
  await sql`
    INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, priority_value, dedupe_key, evidence_ids, source_agent)
    VALUES (${t}, 'check_in', 'Check in with Bo', 'usage fell 30%', 'account', ${account!.id}, 1500, 'acc:check_in', ${["usage:2026-10"]}, 'customer_success')`;
  await sql`
    INSERT INTO audit_log (tenant_id, actor, action, entity_kind, entity_id, details)
    VALUES (${t}, 'system', 'fixture', 'account', ${account!.id}, ${sql.json({ note: "hello" })})`;
  await sql`
    INSERT INTO embeddings (tenant_id, entity_kind, entity_id, chunk, embedder, content, embedding)
    VALUES (${t}, 'account', ${account!.id}, 0, 'test-3', 'hello', '[0.5,-1,2.25]')`;
  return { tenantId: t, accountId: account!.id, contactId: contact!.id, dealId: deal!.id };
}
