import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  briefEvidence,
  CS_TEMPLATE_VERSION,
  csTool,
  draftBlocker,
  draftBrief,
  draftMessages,
  draftSchema,
  pickRecipient,
  stateLine,
  templateDraft,
} from "../../../agents/cs/index.ts";
import { runTool, ToolError } from "../../../tools/index.ts";
import { modelContext, toolContext, type Deps } from "../../runtime/index.ts";
import type { CsDraft, CsStateType, CsUpdate } from "../state.ts";

/**
 * Writes an outreach draft for each at-risk account of the batch, to its best contactable
 * contact, from facts with evidence ids (text by the model layer: the LLM when configured, the
 * offline template otherwise). No draft when every contact opted out or lacks consent, when the
 * account had a draft within the cooldown, or past the run's cap; each such account says why.
 */
export const draftNode =
  (deps: Deps) =>
  async (state: CsStateType, config: LangGraphRunnableConfig): Promise<CsUpdate> => {
    const ctx = toolContext(deps, config, "draft");
    const now = new Date(state.asOf);
    const drafts: CsDraft[] = [];
    const skipped: CsUpdate["skipped"] = [];
    for (const a of state.assessed.filter((x) => x.atRisk)) {
      const snap = state.page.find((p) => p.account.id === a.accountId)!;
      const entity = `account:${a.accountId}`;
      const blocker = draftBlocker(snap, state.policy, now);
      if (blocker) {
        skipped.push({ entity, reason: `no draft: ${blocker}` });
        continue;
      }
      if (state.drafts.length + drafts.length >= state.policy.drafts.maxPerRun) {
        skipped.push({
          entity,
          reason: `no draft: the run's cap of ${state.policy.drafts.maxPerRun} drafts`,
        });
        continue;
      }
      const recipient = pickRecipient(snap.contacts)!;
      const brief = draftBrief(snap, a, recipient);
      const text = await deps.models.call(
        {
          node: "draft",
          purpose: "cs.at-risk-draft",
          messages: draftMessages(brief),
          schema: draftSchema,
          knownNames: [brief.contact.fullName, ...(brief.ownerName ? [brief.ownerName] : [])],
          offline: () => templateDraft(brief),
          offlineVersion: CS_TEMPLATE_VERSION,
        },
        modelContext(config),
      );
      try {
        const written = await runTool(
          csTool("create_draft"),
          {
            channel: "email",
            contact_id: recipient.id,
            about_kind: "account",
            about_id: a.accountId,
            subject: text.value.subject,
            body: text.value.body,
            evidence_ids: briefEvidence(brief, a.accountId),
            provider: text.label,
          },
          ctx,
        );
        drafts.push({
          id: written.id,
          accountId: a.accountId,
          contactId: recipient.id,
          to: `${brief.contact.fullName} <${brief.contact.email ?? "no address"}>`,
          subject: text.value.subject,
          body: text.value.body,
          reason: `${snap.account.name} at risk. ${stateLine(a)}`,
        });
      } catch (err) {
        // consent can change between the read and the write: the tool has the last word
        if (!(err instanceof ToolError && err.code === "CONTACT_OPTED_OUT")) throw err;
        skipped.push({ entity, reason: `no draft: ${err.message}` });
      }
    }
    return { drafts, skipped };
  };
