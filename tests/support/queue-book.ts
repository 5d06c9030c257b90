import { ensureTenant, type Sql } from "../../db/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";

export interface QueueBook {
  tenantId: string;
  accountIds: string[];
  contactId: string;
  activityId: string;
  leadId: string;
}

/**
 * A tenant with `accounts` accounts (the first with a consenting contact and an email activity
 * a draft can cite) and one lead: enough for the queue probe agent and for event routing.
 */
export async function writeQueueBook(sql: Sql, slug: string, accounts = 3): Promise<QueueBook> {
  const t = (await ensureTenant(sql, { slug, name: `Queue ${slug}` })).id;
  const accountIds: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const [a] = await sql<{ id: string }[]>`
      INSERT INTO accounts (tenant_id, external_id, name) VALUES (${t}, ${`Q-${i}`}, ${`${slug} account ${i}`})
      RETURNING id`;
    accountIds.push(a!.id);
  }
  const [contact] = await sql<{ id: string }[]>`
    INSERT INTO contacts (tenant_id, account_id, first_name, last_name, email, email_consent)
    VALUES (${t}, ${accountIds[0]!}, 'Cleo', 'Client', 'cleo@example.com', true) RETURNING id`;
  const [activity] = await sql<{ id: string }[]>`
    INSERT INTO activities (tenant_id, kind, direction, subject, body, occurred_at, account_id, contact_id)
    VALUES (${t}, 'email', 'inbound', 'Renewal', 'Can we talk about the renewal?', '2026-11-01T09:00:00Z',
            ${accountIds[0]!}, ${contact!.id})
    RETURNING id`;
  const [lead] = await sql<{ id: string }[]>`
    INSERT INTO leads (tenant_id, external_id, first_name, last_name, email, source)
    VALUES (${t}, 'L-1', 'Lia', 'Lead', 'lia@example.com', 'web') RETURNING id`;
  return { tenantId: t, accountIds, contactId: contact!.id, activityId: activity!.id, leadId: lead!.id };
}

/** The probe's target: the first account, with the contact and evidence its draft uses. */
export function probeTarget(book: QueueBook, account = book.accountIds[0]!): RunTarget {
  return {
    kind: "account",
    id: account,
    filter: { contact_id: book.contactId, activity_id: book.activityId },
  };
}
