import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  offlineTemplate,
  personalise,
  templateMessages,
  templateSchema,
  TEMPLATES_VERSION,
  unknownPlaceholders,
  VARIANTS,
  type AudienceMember,
  type MessageTemplate,
  type PlannedAudience,
  type Variant,
} from "../../../agents/marketing/index.ts";
import { ContactOptedOutError, runTool } from "../../../tools/index.ts";
import { modelContext, toolContext, type Deps } from "../../runtime/index.ts";
import { marketingTool } from "../scope.ts";
import type { BuiltAudience, MarketingDraft, MarketingStateType, MarketingUpdate } from "../state.ts";
import { summaryLines } from "../summary.ts";

/**
 * Writes every audience's drafts: per variant, one template from the model layer (an LLM, or the
 * offline template; a template with unknown placeholders is rejected for the offline one), filled
 * per contact from its CRM facts with their evidence ids; then records each draft's variant and
 * campaign. Drafts of one campaign are keyed under `write_drafts.<campaign key>`, so a contact in
 * two audiences of a run gets two drafts (the cap allowing) and a retry rewrites, never adds.
 */
export const writeDrafts =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const drafts: MarketingDraft[] = [];
    const skipped: MarketingStateType["skipped"] = [];
    for (const audience of state.audiences) {
      const plan = state.planned.find((p) => p.key === audience.key)!;
      const ctx = toolContext(deps, config, `write_drafts.${audience.key}`);
      const tags: { draft_id: string; variant: Variant }[] = [];
      for (const variant of VARIANTS) {
        const members = audience.members.filter((m) => m.variant === variant);
        if (members.length === 0) continue;
        const { template, label } = await writeTemplate(deps, config, plan, variant, members);
        for (const m of members) {
          const text = personalise(template, plan, m);
          try {
            const written = await runTool(
              marketingTool("create_draft"),
              { channel: "email", contact_id: m.contact.contact_id, ...text, provider: label },
              ctx,
            );
            tags.push({ draft_id: written.id, variant });
            drafts.push(draftRef(written.id, plan, audience, m, text, label));
          } catch (err) {
            // consent can change between the audience read and the write: the tool refuses, the run goes on
            if (!(err instanceof ContactOptedOutError)) throw err;
            skipped.push({ entity: `contact:${m.contact.contact_id}`, reason: err.message });
          }
        }
      }
      if (tags.length > 0)
        await runTool(
          marketingTool("marketing_tag_drafts"),
          { campaign_key: audience.key, drafts: tags },
          ctx,
        );
    }
    return { drafts, skipped, report: summaryLines({ ...state, drafts }) };
  };

async function writeTemplate(
  deps: Deps,
  config: LangGraphRunnableConfig,
  plan: PlannedAudience,
  variant: Variant,
  members: AudienceMember[],
): Promise<{ template: MessageTemplate; label: string }> {
  const result = await deps.models.call(
    {
      node: "write_drafts",
      purpose: "marketing.template",
      messages: templateMessages(plan, variant, members),
      schema: templateSchema,
      offline: () => offlineTemplate(variant),
      offlineVersion: TEMPLATES_VERSION,
    },
    modelContext(config),
  );
  const unknown = result.provider === "offline" ? [] : unknownPlaceholders(result.value);
  if (unknown.length === 0) return { template: result.value, label: result.label };
  return {
    template: offlineTemplate(variant),
    label: `offline:${TEMPLATES_VERSION} (model template rejected: unknown {${unknown[0]}})`.slice(0, 200),
  };
}

function draftRef(
  id: string,
  plan: PlannedAudience,
  audience: BuiltAudience,
  m: AudienceMember,
  text: { subject: string; body: string },
  provider: string,
): MarketingDraft {
  const p = m.propensity;
  return {
    id,
    campaign_key: plan.key,
    contact_id: m.contact.contact_id,
    account_id: m.contact.account.id,
    to: m.contact.email,
    variant: m.variant,
    subject: text.subject,
    body: text.body,
    reason:
      `${plan.name}: variant ${m.variant}, rank ${m.rank} of ${audience.counts.final}, ` +
      `response propensity ${p.probability.toFixed(3)} (${p.model_version.split(" ")[0]})`,
    provider,
  };
}
