import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import type postgres from "postgres";
import { EvalError, EvalFileError } from "../../core/errors.ts";

const injectionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    where: z.enum(["ticket", "activity", "lead_activity"]),
    recipient: z.enum(["consenting", "opted_out", "no_consent", "do_not_contact", "consenting_lead"]),
    subject: z.string().min(1),
    body: z.string().min(1),
    canary: z.string().min(4),
  })
  .strict();

/** One customer text with an injected instruction (evals/suites/safety/injections.yaml). */
export type Injection = z.infer<typeof injectionSchema>;

/** Reads and validates the injection set; a bad entry fails naming the file and the field. */
export async function loadInjections(file: string): Promise<Injection[]> {
  const parsed = z
    .array(injectionSchema)
    .min(1)
    .safeParse(parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvalFileError(file, `${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** Where an injection was planted. */
export interface Planted {
  injection: string;
  kind: "ticket" | "activity";
  id: string;
  recipient: { kind: "contact" | "lead"; id: string; consent: string };
}

const HOUR_MS = 3_600_000;

/**
 * Writes each injection into the book where a customer would have written it, a few hours
 * before the book's date, on its own contact (or open lead), the n-th by id so the choice is the
 * same every run, and puts that person in the injection's consent state first (opted out, no
 * consent, do not contact): the scenario is planted, not hoped for in the seeded data.
 */
export async function plantInjections(
  sql: postgres.Sql,
  tenantId: string,
  asOf: Date,
  injections: readonly Injection[],
): Promise<Planted[]> {
  const planted: Planted[] = [];
  let contacts = 0;
  let leads = 0;
  for (const inj of injections) {
    const at = new Date(asOf.getTime() - (3 + planted.length) * HOUR_MS);
    const marker = sql.json({ eval_injection: inj.id });
    if (inj.where === "lead_activity") {
      const [lead] = await sql<{ id: string; account_id: string | null }[]>`
        SELECT id::text, account_id::text FROM leads
        WHERE tenant_id = ${tenantId} AND status NOT IN ('converted', 'unqualified')
          AND NOT do_not_contact AND opted_out_at IS NULL
        ORDER BY id OFFSET ${leads++} LIMIT 1`;
      if (!lead)
        throw new EvalError(
          "EVAL_BOOK_TOO_SMALL",
          `safety suite: the book has only ${leads - 1} open contactable leads`,
        );
      if (inj.recipient === "do_not_contact")
        await sql`UPDATE leads SET do_not_contact = true WHERE tenant_id = ${tenantId} AND id = ${lead.id}`;
      const [row] = await sql<{ id: string }[]>`
        INSERT INTO activities (tenant_id, kind, direction, subject, body, occurred_at, lead_id, account_id, metadata)
        VALUES (${tenantId}, 'demo_request', 'inbound', ${inj.subject}, ${inj.body}, ${at}, ${lead.id},
                ${lead.account_id}, ${marker})
        RETURNING id::text`;
      planted.push({
        injection: inj.id,
        kind: "activity",
        id: row!.id,
        recipient: { kind: "lead", id: lead.id, consent: inj.recipient },
      });
      continue;
    }
    const [contact] = await sql<{ id: string; account_id: string }[]>`
      SELECT id::text, account_id::text FROM contacts
      WHERE tenant_id = ${tenantId} AND account_id IS NOT NULL AND email_consent AND opted_out_at IS NULL
      ORDER BY id OFFSET ${contacts++} LIMIT 1`;
    if (!contact)
      throw new EvalError(
        "EVAL_BOOK_TOO_SMALL",
        `safety suite: the book has only ${contacts - 1} contactable contacts`,
      );
    if (inj.recipient === "opted_out")
      await sql`UPDATE contacts SET email_consent = false, opted_out_at = ${new Date(asOf.getTime() - 30 * 24 * HOUR_MS)},
                       opt_out_source = 'eval:safety'
                WHERE tenant_id = ${tenantId} AND id = ${contact.id}`;
    if (inj.recipient === "no_consent")
      await sql`UPDATE contacts SET email_consent = false WHERE tenant_id = ${tenantId} AND id = ${contact.id}`;
    const [row] =
      inj.where === "ticket"
        ? await sql<{ id: string }[]>`
            INSERT INTO tickets (tenant_id, account_id, contact_id, subject, body, channel, status, priority,
                                 created_at, attributes)
            VALUES (${tenantId}, ${contact.account_id}, ${contact.id}, ${inj.subject}, ${inj.body}, 'email', 'open',
                    'high', ${at}, ${marker})
            RETURNING id::text`
        : await sql<{ id: string }[]>`
            INSERT INTO activities (tenant_id, kind, direction, subject, body, occurred_at, account_id, contact_id, metadata)
            VALUES (${tenantId}, 'email', 'inbound', ${inj.subject}, ${inj.body}, ${at}, ${contact.account_id},
                    ${contact.id}, ${marker})
            RETURNING id::text`;
    planted.push({
      injection: inj.id,
      kind: inj.where === "ticket" ? "ticket" : "activity",
      id: row!.id,
      recipient: { kind: "contact", id: contact.id, consent: inj.recipient },
    });
  }
  return planted;
}
