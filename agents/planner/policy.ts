import { z } from "zod";
import { PlannerPolicyError } from "./errors.ts";

/** The planner's options. Every field has a default; `parsePlannerPolicy` names a bad one. */
export const plannerPolicySchema = z.object({
  /** Hour (0–23, in each rep's time zone) their working day starts. Default 9. */
  workdayStartHour: z.number().int().min(0).max(23).default(9),
  /** A task overdue at day start (it cannot end by its due time) must end within this many minutes of it. Default 120. */
  overdueGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(120),
  /** Deadlines inside the day are rounded down to this many minutes (fewer solver rows). Default 15. */
  deadlineBucketMinutes: z.number().int().min(1).max(120).default(15),
  /** Urgency halves for every this many days a task is due after the plan day. Default 7. */
  urgencyHalfLifeDays: z.number().positive().max(365).default(7),
  /** Objective weight of a placement by how the rep relates to the task. Default owner 1, territory 0.8, pool 0.6. */
  matchWeights: z
    .object({
      owner: z.number().min(0).max(10).default(1),
      territory: z.number().min(0).max(10).default(0.8),
      pool: z.number().min(0).max(10).default(0.6),
    })
    .default({ owner: 1, territory: 0.8, pool: 0.6 }),
  /** Roles that take each source's tasks. Default sales/marketing → rep, cs → cs, support → support. */
  roles: z
    .record(z.string(), z.array(z.string()).min(1))
    .default({ sales: ["rep"], cs: ["cs"], marketing: ["rep"], support: ["support"] }),
  /** A skill the assignee must have, by task type (a task's own required_skill wins). Default cs_escalation → escalations. */
  skillByType: z.record(z.string(), z.string()).default({ cs_escalation: "escalations" }),
  /**
   * Besides the owner, at most this many people may take each task: the owner's territory first,
   * then the rest of the role, each walked from a point fixed by the task id so the load spreads.
   * Bounds the instance on a large book (91,000 tasks × 1,000 reps would be tens of millions of
   * pairs). Default 25.
   */
  candidatesPerTask: z.number().int().min(1).max(100_000).default(25),
  /** Above this many (task, rep) pairs the greedy plans instead of the MIP. Default 20,000. */
  mipMaxArcs: z.number().int().min(0).default(20_000),
  /**
   * HiGHS time limit in seconds. The MIP starts from the greedy plan, so at the limit it keeps the
   * best plan found with its dual bound. Default 10.
   */
  mipTimeLimitSeconds: z.number().positive().max(3600).default(10),
  /** HiGHS relative MIP gap at which it stops. Default 0.001. */
  mipRelGap: z.number().min(0).max(1).default(1e-3),
  /** The marketing source's follow-ups on campaign responses (see follow-up.ts). */
  marketingFollowUp: z
    .object({
      /** Responses this many days back count. Default 14. */
      lookbackDays: z.number().int().min(1).max(90).default(14),
      /** Share of the account's ARR a follow-up on a response is expected to be worth. Default 0.1. */
      respondedShare: z.number().min(0).max(1).default(0.1),
      /** The same for a click. Default 0.03. */
      clickedShare: z.number().min(0).max(1).default(0.03),
      /** Effort of a follow-up in minutes. Default 15. */
      minutes: z.number().int().min(1).max(480).default(15),
      /** Due this many hours after the plan's as-of instant. Default 48. */
      dueHours: z
        .number()
        .min(1)
        .max(24 * 30)
        .default(48),
    })
    .default({ lookbackDays: 14, respondedShare: 0.1, clickedShare: 0.03, minutes: 15, dueHours: 48 }),
  /** Accounts per proposal batch (one Send, or one queue child job). Default 200. */
  batchSize: z.number().int().min(1).max(1000).default(200),
});

export type PlannerPolicy = z.infer<typeof plannerPolicySchema>;
export type PlannerPolicyInput = z.input<typeof plannerPolicySchema>;

/** Defaults with `input` applied; throws PLANNER_POLICY_INVALID naming the first bad field. */
export function parsePlannerPolicy(input: unknown = {}): PlannerPolicy {
  const parsed = plannerPolicySchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new PlannerPolicyError(issue.path.join(".") || "(options)", issue.message);
}
