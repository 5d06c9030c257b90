import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { csTool } from "../../../agents/cs/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

/**
 * Reads the next batch of accounts with one batched tool call: the target account, the account
 * of the target ticket, or the next page of the tenant's customers after `cursor`.
 */
export const loadPageNode =
  (deps: Deps) =>
  async (state: CsStateType, config: LangGraphRunnableConfig): Promise<CsUpdate> => {
    const ctx = toolContext(deps, config, "load_page");
    const common = { as_of: state.asOf, limit: state.policy.pageSize };
    const { target } = state;
    if (target.kind === "all") {
      const read = await runTool(
        csTool("cs_account_signals"),
        { ...common, ...(state.cursor ? { after: state.cursor } : {}) },
        ctx,
      );
      return { page: read.accounts, cursor: read.next_cursor, more: read.next_cursor !== null };
    }
    let accountId = target.id!;
    if (target.kind === "ticket") {
      const { ticket } = await runTool(
        csTool("ticket_with_history"),
        { ticket_id: target.id, history_limit: 1 },
        ctx,
      );
      if (!ticket.account_id)
        return {
          page: [],
          more: false,
          skipped: [{ entity: `ticket:${target.id}`, reason: "the ticket has no account" }],
        };
      accountId = ticket.account_id;
    }
    const read = await runTool(csTool("cs_account_signals"), { ...common, account_ids: [accountId] }, ctx);
    return { page: read.accounts, more: false };
  };
