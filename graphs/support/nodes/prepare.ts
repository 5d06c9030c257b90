import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  fitSlaModel,
  parseSupportPolicy,
  parseTriageModel,
  supportTool,
  trainingBlocker,
  trainTriageModel,
  triageMetrics,
  type TriageModel,
} from "../../../agents/support/index.ts";
import { runTool, type ToolContext } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate } from "../state.ts";

const DAY_MS = 86_400_000;

/**
 * Fixes what the whole run works with: the instant, the tenant's policy (a bad setting fails the
 * run here, naming the field), the triage model (the stored one; trained on the tenant's labelled
 * tickets and stored when there is none or it is older than `intent.retrainDays`), the SLA models
 * fitted on recorded tickets, and the support roster with its current load.
 */
export const prepareNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "prepare");
    const asOf = state.asOf ?? deps.now().toISOString();
    const { support } = await runTool(supportTool("support_settings"), {}, ctx);
    const policy = parseSupportPolicy(support);
    const { model, note } = await triageModelFor(ctx, policy, new Date(asOf));
    const { tickets } = await runTool(
      supportTool("support_sla_history"),
      { limit: policy.sla.historyLimit },
      ctx,
    );
    const slaModels = {
      first_response: fitSlaModel(tickets, "first_response", policy.sla.minHistory),
      resolution: fitSlaModel(tickets, "resolution", policy.sla.minHistory),
    };
    const roster = await runTool(supportTool("support_roster"), {}, ctx);
    return {
      asOf,
      policy,
      triageModel: model,
      triageModelNote: note,
      slaModels,
      roster: roster.people,
      queueLoad: roster.queue_load,
    };
  };

async function triageModelFor(
  ctx: ToolContext,
  policy: ReturnType<typeof parseSupportPolicy>,
  now: Date,
): Promise<{ model: TriageModel | null; note: string }> {
  const name = policy.intent.model;
  const stored = await runTool(supportTool("active_score_model"), { name }, ctx);
  const fresh =
    stored && now.getTime() - new Date(stored.trained_at).getTime() < policy.intent.retrainDays * DAY_MS;
  if (stored && fresh) {
    const model = parseTriageModel(stored.artifact);
    return { model, note: `loaded ${model.version} (${model.rows} labelled tickets)` };
  }
  const { tickets } = await runTool(
    supportTool("support_labelled_tickets"),
    { limit: policy.intent.maxTrainingRows },
    ctx,
  );
  const blocker = trainingBlocker(tickets, policy.intent.minTrainingRows);
  if (blocker)
    return { model: null, note: `no triage model: ${blocker}; every ticket is escalated to a person` };
  const model = trainTriageModel(tickets, name);
  await runTool(
    supportTool("support_save_triage_model"),
    {
      name,
      version: model.version,
      artifact: model,
      metrics: triageMetrics(model),
      trained_rows: model.rows,
    },
    ctx,
  );
  return {
    model,
    note: `trained ${model.version} on ${model.rows} labelled tickets (${stored ? "the stored one was stale" : "none stored"})`,
  };
}
