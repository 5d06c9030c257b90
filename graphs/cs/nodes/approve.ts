import { askForApproval } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

/** Waits for a person to approve, edit or reject the run's drafts (no side effects before it). */
export async function approveNode(state: CsStateType): Promise<CsUpdate> {
  return { decisions: askForApproval(state.drafts).decisions };
}
