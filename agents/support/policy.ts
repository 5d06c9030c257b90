import { z } from "zod";
import { SupportPolicyError } from "./errors.ts";

const share = (value: number, what: string) => z.number().min(0).max(1).default(value).describe(what);
const minutes = (value: number, what: string) =>
  z.number().int().min(0).max(100_000).default(value).describe(what);

/**
 * The support agent's policy: the defaults below, overridden per tenant by `settings.support`
 * (validated here and by `crm tenant settings`; an unknown key is an error, not ignored).
 */
export const supportPolicySchema = z
  .object({
    intent: z
      .object({
        /** Below this intent confidence the agent does not draft: it escalates to a person. */
        minConfidence: share(0.6, "intent confidence below which the agent escalates instead of drafting"),
        /** Name the triage model is stored under (score_models). */
        model: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,39}$/)
          .default("support-triage"),
        /** Fewest labelled tickets (not triaged by the agent) to train a classifier on. */
        minTrainingRows: z.number().int().min(6).default(30),
        /** A stored triage model older than this is retrained at the start of a run. */
        retrainDays: z.number().int().min(1).max(3650).default(7),
        /** Most labelled tickets read for training (newest first). */
        maxTrainingRows: z.number().int().min(10).max(50_000).default(20_000),
      })
      .strict()
      .prefault({}),
    routing: z
      .object({
        /** Queue for a ticket whose intent has no recorded queue. */
        defaultQueue: z.string().min(1).max(80).default("general"),
        /** Open tickets a person may hold per hour of daily capacity; beyond it they get no new ones. */
        ticketsPerCapacityHour: z.number().positive().max(50).default(2),
        /** Working hours (local time of each person) used for availability. */
        workStartHour: z.number().int().min(0).max(23).default(8),
        workEndHour: z.number().int().min(1).max(24).default(18),
      })
      .strict()
      .prefault({}),
    sla: z
      .object({
        /** Breach probability that makes a ticket at risk (a task before the breach). */
        riskThreshold: share(0.5, "breach probability at which a ticket gets an SLA task"),
        /** An SLA task is due this many minutes before the predicted breach. */
        leadMinutes: minutes(60, "minutes before the breach an SLA task is due"),
        /** Fewest recorded tickets to fit the SLA model on; fewer: the explicit prior model. */
        minHistory: z.number().int().min(10).default(30),
        /** Most recorded tickets the SLA model is fitted on (newest first). */
        historyLimit: z.number().int().min(10).max(20_000).default(3000),
        /** How much slower a queue answers with nobody skilled, free and in working hours (explicit). */
        unavailableSlowdown: z.number().min(1).max(20).default(2),
      })
      .strict()
      .prefault({}),
    kb: z
      .object({
        /** Articles retrieved per ticket. */
        k: z.number().int().min(1).max(10).default(3),
        /** Cosine similarity an article needs to ground a reply; none above it: escalate. */
        minSimilarity: z.number().min(-1).max(1).default(0.2),
        /** Articles cited in a reply at most. */
        maxCited: z.number().int().min(1).max(5).default(2),
      })
      .strict()
      .prefault({}),
    escalation: z
      .object({
        /** Churn probability (latest churn score) that makes the ticket's account at risk. */
        churnProbability: share(0.5, "churn probability that makes an account at risk"),
        /** Health score below which the ticket's account is at risk. */
        healthBelow: z.number().min(0).max(100).default(40),
      })
      .strict()
      .prefault({}),
    drafts: z
      .object({
        maxPerRun: z.number().int().min(0).max(1000).default(50),
      })
      .strict()
      .prefault({}),
    /** Tickets per batch when the run covers every open ticket. */
    pageSize: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export type SupportPolicy = z.output<typeof supportPolicySchema>;
export type SupportPolicyInput = z.input<typeof supportPolicySchema>;

/** The policy from a tenant's `settings.support` (null or absent: the defaults). */
export function parseSupportPolicy(settings: unknown): SupportPolicy {
  const parsed = supportPolicySchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SupportPolicyError(["support", ...issue.path.map(String)].join("."), issue.message);
  }
  const p = parsed.data;
  if (p.routing.workEndHour <= p.routing.workStartHour)
    throw new SupportPolicyError("support.routing.workEndHour", "must be after workStartHour");
  return p;
}
