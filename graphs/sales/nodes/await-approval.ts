import { askForApproval } from "../../runtime/index.ts";
import type { SalesStateType, SalesUpdate } from "../state.ts";

/** Waits for a person to approve, edit or reject the run's drafts (no side effects before it). */
export const awaitApproval = async (state: SalesStateType): Promise<SalesUpdate> => ({
  approval: askForApproval(state.drafts),
});
