import { askForApproval } from "../../runtime/index.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/** Waits for a person to approve, edit or reject the run's drafts (no side effects before it). */
export const awaitApproval = async (state: MarketingStateType): Promise<MarketingUpdate> => ({
  approval: askForApproval(state.drafts),
});
