import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { supportTool } from "../../../agents/support/index.ts";
import { NotFoundError, runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate } from "../state.ts";

/** Reads the next batch: the target ticket, or the next page of open tickets after `cursor`. */
export const loadPageNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "load_page");
    const tool = supportTool("support_open_tickets");
    if (state.target.kind === "ticket") {
      const id = state.target.id!;
      const { tickets } = await runTool(tool, { ticket_ids: [id], limit: 1 }, ctx);
      if (tickets.length === 0) throw new NotFoundError("ticket", id);
      return { page: tickets, more: false };
    }
    const read = await runTool(
      tool,
      { limit: state.policy.pageSize, ...(state.cursor ? { after: state.cursor } : {}) },
      ctx,
    );
    return { page: read.tickets, cursor: read.next_after, more: read.next_after !== null };
  };
