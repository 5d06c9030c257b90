import type { CsStateType, CsUpdate } from "../state.ts";

/**
 * The run's last node: drafts have been decided (or there were none). Outputs are already in
 * their tables; the decisions stay in the state for whoever reads the run.
 */
export async function finishNode(state: CsStateType): Promise<CsUpdate> {
  return { decisions: state.decisions ?? [] };
}
