import { z } from "@hono/zod-openapi";
import type { DecidedDraft } from "../../../db/queries/drafts.ts";
import type { StoredDecisions } from "../../../graphs/runtime/index.ts";
import { runView, Run } from "./run-schemas.ts";

/** Schemas of the approval answers: what a decision stored, and whether the run resumes. */

export const Decided = z
  .object({
    id: z.string(),
    status: z.enum(["approved", "rejected"]),
    outbox_id: z.string().nullable().openapi({ description: "the outbox entry of an approved draft" }),
  })
  .openapi("DecidedDraft");

export const Resume = z.enum(["queued", "waiting", "none"]).openapi({
  description:
    "`queued`: every draft is decided (or the rest was rejected / left pending): a worker resumes the run; " +
    "`waiting`: the run still waits on `pending`; `none`: the draft's run is not waiting (finished, or no run)",
});

export const Stored = z
  .object({
    run: Run.nullable().openapi({ description: "the run as it stands when the decision is stored" }),
    decided: z.array(Decided),
    pending: z.array(z.string()).openapi({ description: "drafts of the run still pending" }),
    resume: Resume,
  })
  .openapi("StoredDecisions");

export const decidedView = (d: DecidedDraft) => ({ id: d.id, status: d.status, outbox_id: d.outboxId });

/** The answer body, and its status: 202 when the resume was queued, else 200. */
export function storedView(s: Omit<StoredDecisions, "run"> & { run: StoredDecisions["run"] | null }) {
  return {
    body: {
      run: s.run ? runView(s.run) : null,
      decided: s.decided.map(decidedView),
      pending: s.pending,
      resume: s.resume,
    },
    status: s.resume === "queued" ? (202 as const) : (200 as const),
  };
}

export const note = z.string().max(2000).optional();
export const editedSubject = z.string().max(500).optional();
export const editedBody = z.string().trim().min(1, "an edited body cannot be empty").max(50_000);
