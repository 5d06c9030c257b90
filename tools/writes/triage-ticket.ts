import type postgres from "postgres";
import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { assertRunVisible, idempotencyKey, type WriteResult } from "../idempotency.ts";
import { id } from "../input.ts";
import { defineTool } from "../run.ts";

const confidence = (what: string) => z.number().min(0).max(1).describe(`Confidence in the ${what}, 0–1.`);

const input = z.object({
  ticket_id: id("ticket"),
  intent: z.string().min(1).max(80).describe("The request's intent label; stored as the ticket's category."),
  intent_confidence: confidence("intent"),
  priority: z.enum(["low", "medium", "high", "critical"]).describe("The priority the ticket should have."),
  priority_confidence: confidence("priority"),
  sentiment: z.enum(["negative", "neutral", "positive"]).describe("The requester's sentiment."),
  sentiment_confidence: confidence("sentiment"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "must be an ISO 639 code such as en or de")
    .describe("The ticket's language, ISO 639 code (en, de …)."),
  language_confidence: confidence("language"),
  queue: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .describe("The queue to route the ticket to; unchanged if omitted."),
  model_version: z.string().min(1).max(100).describe("The triage model or prompt version, e.g. `triage-v1`."),
});

/**
 * Writes a ticket's triage: category, priority, language (and queue) columns plus the `triage`
 * jsonb with each label's confidence. Setting the same values again changes nothing, so a retry
 * is harmless; its audit entry is written once per run, node and ticket.
 */
export const triageTicket = defineTool({
  name: "update_ticket_triage",
  description:
    "Record the triage of a support ticket: intent (category), priority, sentiment and language, each " +
    "with a confidence, and optionally the queue to route it to.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<WriteResult> => {
      await assertRunVisible(tx, ctx, "update_ticket_triage");
      const triage = {
        intent: { value: args.intent, confidence: args.intent_confidence },
        priority: { value: args.priority, confidence: args.priority_confidence },
        sentiment: { value: args.sentiment, confidence: args.sentiment_confidence },
        language: { value: args.language, confidence: args.language_confidence },
        model_version: args.model_version,
        agent: ctx.agent,
        run_id: ctx.runId,
        at: ctx.now().toISOString(),
      };
      const [row] = await tx<{ id: string }[]>`
        UPDATE tickets SET
          category = ${args.intent}, priority = ${args.priority}, language = ${args.language},
          queue = coalesce(${args.queue ?? null}, queue), triage = ${tx.json(triage as postgres.JSONValue)},
          updated_at = now()
        WHERE id = ${args.ticket_id}
        RETURNING id`;
      if (!row) throw new NotFoundError("ticket", args.ticket_id);
      const key = idempotencyKey(ctx, "update_ticket_triage", {
        entityKind: "ticket",
        entityId: args.ticket_id,
        output: "triage",
      });
      const audit = await appendAudit(
        tx,
        ctx,
        { action: "ticket.triaged", entityKind: "ticket", entityId: args.ticket_id, details: triage },
        key,
      );
      return { id: row.id, created: audit.created };
    }),
});
