import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { ApprovalAnswer, ApprovalRequest } from "./approval.ts";

const answerSchema = z.object({
  decisions: z
    .array(
      z.object({
        id: z.string(),
        status: z.enum(["approved", "rejected"]),
        outboxId: z.string().nullable(),
        decision: z.enum(["approve", "reject", "edit"]),
      }),
    )
    .default([]),
});

/**
 * Inside an agent's approval node: interrupts with the drafts (an ApprovalRequest) and returns
 * the person's decisions (the ApprovalAnswer that resumeDecidedRun reads from the drafts' stored
 * decisions; drafts left pending are not in it). A node calling it runs again from its start on
 * resume, so it must do nothing with side effects before this call.
 */
export function askForApproval(drafts: ApprovalRequest["drafts"]): ApprovalAnswer {
  const request: ApprovalRequest = {
    kind: "draft_approval",
    drafts: drafts.map(({ id, subject, body, to, reason }) => ({ id, subject, body, to, reason })),
  };
  return answerSchema.parse(interrupt(request));
}
