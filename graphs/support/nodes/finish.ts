import type { SupportStateType, SupportUpdate } from "../state.ts";

/** The run's last node: outputs are in their tables; the decisions stay in the state for readers. */
export async function finishNode(state: SupportStateType): Promise<SupportUpdate> {
  return { decisions: state.decisions ?? [] };
}
