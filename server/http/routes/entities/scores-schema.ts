import { z } from "@hono/zod-openapi";
import { IsoDate } from "../../schemas.ts";

/** An entity's latest score of one kind, with the reasons behind it (detail pages, top scores). */
export const CurrentScore = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "churn" }),
    value: z.number(),
    probability: z.number().nullable(),
    tier: z.string().nullable(),
    reasons: z.array(z.unknown()).openapi({ description: "[{factor, contribution, evidence_ids?}]" }),
    model_version: z.string(),
    agent: z.string(),
    run_id: z.string().nullable(),
    scored_at: IsoDate,
  })
  .openapi("CurrentScore");
