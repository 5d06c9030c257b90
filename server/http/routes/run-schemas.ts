import { z } from "@hono/zod-openapi";
import type { AgentRun } from "../../../db/queries/runs.ts";
import type { RunOutputs } from "../../../db/queries/outputs.ts";
import { AGENTS } from "../../../graphs/agents.ts";
import { IsoDate, Uuid } from "../schemas.ts";

const ENTITY_KINDS = ["account", "lead", "deal", "ticket", "contact"] as const;

export const Target = z
  .object({
    kind: z.enum([...ENTITY_KINDS, "segment", "all"]),
    id: Uuid.optional().openapi({ description: "the entity (account, lead, deal, ticket, contact)" }),
    filter: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "segment or agent options, e.g. {goal: …} for marketing" }),
  })
  .strict()
  .superRefine((t, ctx) => {
    const entity = (ENTITY_KINDS as readonly string[]).includes(t.kind);
    if (entity && !t.id)
      ctx.addIssue({ code: "custom", path: ["id"], message: `a ${t.kind} target needs an id` });
    if (!entity && t.id)
      ctx.addIssue({ code: "custom", path: ["id"], message: `a ${t.kind} target takes no id` });
  })
  .openapi("RunTarget", { example: { kind: "account", id: "7d0f2c1e-2a51-4c5e-9b7e-0c1f5d2a9e10" } });

const limit = (max: number) => z.number().int().min(0).max(max);

export const RunCreate = z
  .object({
    agent: z.enum(Object.keys(AGENTS) as [string, ...string[]]),
    target: Target,
    mode: z
      .enum(["background", "wait"])
      .default("background")
      .openapi({ description: "background: 202 at once; wait: answer when the run finishes or waits" }),
    idempotency_key: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "or the Idempotency-Key header: the same key returns the first run" }),
    policy: z.enum(["reject", "enqueue"]).default("reject").openapi({
      description:
        "when the agent already has a queued or running run on the target: 409, or queue behind it (a run waiting for approval does not hold its target)",
    }),
    budget: z
      .object({
        max_llm_calls: limit(1_000_000).optional(),
        max_tokens: limit(100_000_000).optional(),
        max_wall_ms: z.number().int().min(1).max(86_400_000).optional(),
      })
      .strict()
      .optional()
      .openapi({
        description:
          "lower limits than the tenant's maximum (RUN_MAX_*); a value above it is a 400 BUDGET_ABOVE_MAXIMUM naming the field and the maximum",
      }),
    wait_timeout_ms: z
      .number()
      .int()
      .min(1)
      .max(600_000)
      .default(60_000)
      .openapi({ description: "mode wait: answer 202 with the run as it is after this long" }),
  })
  .strict()
  .openapi("RunCreate");

export const Run = z
  .object({
    id: z.string(),
    agent: z.string(),
    target: z.object({
      kind: z.string(),
      id: z.string().optional(),
      filter: z.record(z.string(), z.unknown()).optional(),
    }),
    status: z.enum([
      "queued",
      "running",
      "interrupted",
      "succeeded",
      "failed",
      "cancelled",
      "budget_exceeded",
    ]),
    trigger: z.string(),
    idempotency_key: z.string().nullable(),
    budget: z.record(z.string(), z.number()),
    usage: z.record(z.string(), z.unknown()),
    provider: z.string().nullable(),
    degraded: z.boolean(),
    error: z.record(z.string(), z.unknown()).nullable(),
    created_at: IsoDate,
    started_at: IsoDate.nullable(),
    finished_at: IsoDate.nullable(),
    events_url: z.string(),
  })
  .openapi("Run");

export const Outputs = z
  .object({
    scores: z.array(z.record(z.string(), z.unknown())),
    tasks: z.array(z.record(z.string(), z.unknown())),
    drafts: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi("RunOutputs", {
    description:
      "what the run wrote: the top 20 scores of each score kind, the first 20 tasks and drafts; " +
      "`totals` count them all, GET /v1/runs/{id}/outputs?kind=… pages through every one",
  });

export const OutputTotals = z
  .object({ scores: z.number().int(), tasks: z.number().int(), drafts: z.number().int() })
  .openapi("RunOutputTotals", { description: "how many scores, tasks and drafts the run wrote in all" });

/** A run row as the API shows it. */
export function runView(run: AgentRun) {
  return {
    id: run.id,
    agent: run.agent,
    target: run.target,
    status: run.status,
    trigger: run.trigger,
    idempotency_key: run.idempotency_key,
    budget: run.budget,
    usage: run.usage,
    provider: run.provider,
    degraded: run.degraded,
    error: run.error,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
    events_url: `/v1/runs/${run.id}/events`,
  };
}

export function outputsView(outputs: RunOutputs) {
  return outputs as unknown as {
    scores: Record<string, unknown>[];
    tasks: Record<string, unknown>[];
    drafts: Record<string, unknown>[];
  };
}
