import { askForApproval } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate } from "../state.ts";

/** Waits for a person to approve, edit or reject the run's reply drafts (no side effects before it). */
export async function approveNode(state: SupportStateType): Promise<SupportUpdate> {
  return { decisions: askForApproval(state.drafts).decisions };
}
