import type { SupportStateType } from "./state.ts";

/** After a batch: the next batch, else approval when drafts wait, else the end. */
export function afterBatch(state: SupportStateType): "load_page" | "approve" | "finish" {
  if (state.more) return "load_page";
  return state.drafts.length > 0 ? "approve" : "finish";
}
