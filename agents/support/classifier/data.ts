import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { byKey, type LabelledText } from "./examples.ts";

/** The ticket columns a classifier can learn: intent/type, routing queue, priority. */
export const TICKET_LABELS = ["category", "queue", "priority"] as const;
export type TicketLabel = (typeof TICKET_LABELS)[number];

/** A labelled ticket read from the store. */
export interface LabelledTicket extends LabelledText {
  /** The ticket's id in the store. */
  id: string;
  /** `attributes.split` as imported (the dataset's official split), or null. */
  split: string | null;
}

/** Options of loadLabelledTickets. */
export interface LoadTicketsOptions {
  /** The column whose value is the label; tickets where it is null are left out. */
  label: TicketLabel;
  /** Only tickets whose `attributes.split` equals this. Default: all. */
  split?: string;
}

interface TicketRow {
  id: string;
  external_id: string | null;
  subject: string | null;
  body: string;
  label: string;
  split: string | null;
}

/**
 * A tenant's tickets with a recorded label, read inside withTenant (row-level security), as
 * training or evaluation examples: text = subject and body (a missing subject is skipped),
 * key = the external id, else the store id. Nothing else is read: no reply text
 * (`attributes.answer` would leak the label), no triage output. Sorted by key in code, so
 * seeded splits are the same on any collation.
 */
export async function loadLabelledTickets(
  sql: postgres.Sql,
  tenantId: string,
  { label, split }: LoadTicketsOptions,
): Promise<LabelledTicket[]> {
  if (!TICKET_LABELS.includes(label)) throw new RangeError(`not a ticket label column: ${String(label)}`);
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx<TicketRow[]>`
      SELECT id, external_id, subject, body, ${tx(label)} AS label, attributes->>'split' AS split
      FROM tickets
      WHERE tenant_id = ${tenantId} AND ${tx(label)} IS NOT NULL
        ${split === undefined ? tx`` : tx`AND attributes->>'split' = ${split}`}`,
  );
  return rows
    .map((r) => ({
      id: r.id,
      key: r.external_id ?? r.id,
      text: r.subject ? `${r.subject}\n${r.body}` : r.body,
      label: r.label,
      split: r.split,
    }))
    .sort(byKey);
}
