import { interrupt } from "@langchain/langgraph";
import type { ApprovalAnswer, ApprovalRequest } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

/**
 * Waits for a person to decide on the run's drafts: interrupts with an ApprovalRequest and
 * resumes with the ApprovalAnswer (decideRunDrafts applies the decisions before resuming).
 * Nothing happens before `interrupt()`, so the node's re-run on resume has no side effects.
 */
export async function approveNode(state: CsStateType): Promise<CsUpdate> {
  const request: ApprovalRequest = {
    kind: "draft_approval",
    drafts: state.drafts.map((d) => ({
      id: d.id,
      subject: d.subject,
      body: d.body,
      to: d.to,
      reason: d.reason,
    })),
  };
  const answer = interrupt<ApprovalRequest, ApprovalAnswer>(request);
  return { decisions: answer.decisions };
}
