import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  citedEvidence,
  draftMessages,
  draftSchema,
  offlineDraft,
  planDrafts,
  TEMPLATES_VERSION,
  type DraftPlan,
  type Skip,
} from "../../../agents/sales/index.ts";
import { ContactOptedOutError, runTool, TOOLS, type ToolContext } from "../../../tools/index.ts";
import { modelContext, toolContext, type Deps } from "../../runtime/index.ts";
import { prepared } from "../scope.ts";
import type { DraftRef, SalesStateType, SalesUpdate } from "../state.ts";

/**
 * Writes outreach drafts for hot leads and stalled deals (highest expected value first, capped
 * per run): text from the model layer (an LLM, or the offline template over the same facts), and
 * only the evidence ids of facts offered to it. Recipients who opted out are skipped before any
 * text is written, and every skip is audited with its reason.
 */
export const writeDrafts =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const ctx = toolContext(deps, config, "write_drafts");
    const policy = prepared(state.policy, "policy");
    const asOf = new Date(prepared(state.asOf, "asOf"));
    const stalled = state.riskyDeals.filter((d) => d.signals.stagnating);
    const { plans, skips } = planDrafts(state.hotLeads, stalled, policy, asOf);
    const skipped: Skip[] = [...skips];
    const drafts: DraftRef[] = [];
    for (const plan of plans) {
      const result = await deps.models.call(
        {
          node: "write_drafts",
          purpose: `sales.${plan.template}-draft`,
          messages: draftMessages(plan),
          schema: draftSchema,
          knownNames: [plan.recipient.name, ...(plan.sender ? [plan.sender] : [])],
          offline: () => offlineDraft(plan),
          offlineVersion: TEMPLATES_VERSION,
        },
        modelContext(config),
      );
      const draft = { ...result.value, evidence_ids: citedEvidence(plan, result.value.evidence_ids) };
      try {
        const written = await runTool(TOOLS.create_draft, draftInput(plan, draft, result.label), ctx);
        drafts.push({
          id: written.id,
          about: plan.about,
          to: plan.recipient.email,
          subject: draft.subject,
          body: draft.body,
          reason: plan.reason,
          evidence_ids: draft.evidence_ids,
          provider: result.label,
          expectedValue: plan.expectedValue,
          ownerId: plan.ownerId,
        });
      } catch (err) {
        // consent can change between the read and the write: the tool refuses, the run goes on
        if (!(err instanceof ContactOptedOutError)) throw err;
        skipped.push({
          what: "draft",
          entity_kind: plan.about.kind,
          entity_id: plan.about.id,
          reason: err.message,
        });
      }
    }
    await auditSkips(ctx, skipped);
    return { drafts, skipped };
  };

function draftInput(
  plan: DraftPlan,
  draft: { subject: string; body: string; evidence_ids: string[] },
  provider: string,
) {
  return {
    channel: "email",
    ...(plan.recipient.kind === "lead" ? { lead_id: plan.recipient.id } : { contact_id: plan.recipient.id }),
    ...(plan.about.kind === "deal" ? { about_kind: "deal", about_id: plan.about.id } : {}),
    subject: draft.subject,
    body: draft.body,
    evidence_ids: draft.evidence_ids,
    provider,
  };
}

/** One audit entry per skipped draft (keyed per run, node and entity: a re-run writes none twice). */
async function auditSkips(ctx: ToolContext, skipped: Skip[]): Promise<void> {
  for (const s of skipped) {
    await runTool(
      TOOLS.append_audit,
      {
        action: "sales.draft_skipped",
        entity_kind: s.entity_kind,
        entity_id: s.entity_id,
        details: { reason: s.reason },
      },
      ctx,
    );
  }
}
