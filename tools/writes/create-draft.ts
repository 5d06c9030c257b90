import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { checkEvidence, evidenceId } from "../evidence.ts";
import { assertRunVisible, idempotencyKey, type WriteResult } from "../idempotency.ts";
import { outputEntityKind } from "../input.ts";
import { defineTool } from "../run.ts";
import { entityScope } from "../scope.ts";
import { assertContactable } from "./consent.ts";

const input = z
  .object({
    channel: z
      .enum(["email", "reply", "sms"])
      .describe("email (outbound), reply (to a ticket or thread) or sms."),
    contact_id: z.guid().optional().describe("The recipient contact's id (uuid); give this or lead_id."),
    lead_id: z.guid().optional().describe("The recipient lead's id (uuid); give this or contact_id."),
    about_kind: outputEntityKind
      .optional()
      .describe("What the draft is about, if not the recipient (e.g. ticket)."),
    about_id: z.guid().optional().describe("The id of the entity the draft is about (with about_kind)."),
    subject: z.string().max(300).optional().describe("Subject line (email) or thread title."),
    body: z.string().min(1).max(20_000).describe("The message text."),
    evidence_ids: z
      .array(evidenceId)
      .min(1)
      .max(50)
      .describe("Evidence the text relies on; every id must belong to the recipient's account."),
    provider: z
      .string()
      .min(1)
      .max(200)
      .describe("Who wrote the text: `offline:<template version>` or `<endpoint>:<model>`."),
  })
  .refine((a) => (a.contact_id === undefined) !== (a.lead_id === undefined), {
    message: "give exactly one of contact_id and lead_id",
    path: ["contact_id"],
  })
  .refine((a) => (a.about_kind === undefined) === (a.about_id === undefined), {
    message: "about_kind and about_id go together",
    path: ["about_id"],
  });

/**
 * Writes a draft for human approval (the engine never sends). Refused for a recipient who opted
 * out or has no consent, and when any evidence id lies outside the recipient's account.
 */
export const createDraft = defineTool({
  name: "create_draft",
  description:
    "Write a draft message (email, reply or sms) to a contact or lead for a person to approve. Needs " +
    "evidence ids from the recipient's own account; refused if the recipient opted out or has no consent.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<WriteResult> => {
      await assertRunVisible(tx, ctx, "create_draft");
      const recipient = args.contact_id
        ? await entityScope(tx, "contact", args.contact_id)
        : await entityScope(tx, "lead", args.lead_id!);
      await assertContactable(tx, recipient);
      const about = args.about_kind ? { kind: args.about_kind, id: args.about_id! } : recipient;
      const aboutRef = about === recipient ? [] : [`${about.kind}:${about.id}`];
      await checkEvidence(tx, recipient, [...args.evidence_ids, ...aboutRef]);
      const target = {
        entityKind: about.kind,
        entityId: about.id,
        output: `draft:${recipient.kind}:${args.channel}`,
      };
      const key = idempotencyKey(ctx, "create_draft", target);
      // a retry rewrites a draft nobody has decided on yet; a decided draft is left as it is
      const [written] = await tx<WriteResult[]>`
        INSERT INTO drafts (tenant_id, channel, contact_id, lead_id, account_id, entity_kind, entity_id, subject,
                            body, evidence_ids, provider, agent, run_id, idempotency_key)
        VALUES (${ctx.tenantId}, ${args.channel}, ${args.contact_id ?? null}, ${args.lead_id ?? null},
                ${recipient.accountId}, ${about.kind}, ${about.id}, ${args.subject ?? null}, ${args.body},
                ${args.evidence_ids}, ${args.provider}, ${ctx.agent}, ${ctx.runId}, ${key})
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
          subject = EXCLUDED.subject, body = EXCLUDED.body, evidence_ids = EXCLUDED.evidence_ids,
          provider = EXCLUDED.provider
        WHERE drafts.status = 'pending'
        RETURNING id, (xmax = 0) AS created`;
      const [row] = written
        ? [written]
        : await tx<WriteResult[]>`
            SELECT id, false AS created FROM drafts WHERE tenant_id = ${ctx.tenantId} AND idempotency_key = ${key}`;
      await appendAudit(
        tx,
        ctx,
        {
          action: "draft.created",
          entityKind: about.kind,
          entityId: about.id,
          details: {
            draft_id: row!.id,
            channel: args.channel,
            provider: args.provider,
            [recipient.kind]: recipient.id,
          },
        },
        `${key}:audit`,
      );
      return row!;
    }),
});
