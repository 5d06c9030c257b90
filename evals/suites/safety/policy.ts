import { AGENTS } from "../../../graphs/agents.ts";

/** An agent's tool policy and where it comes from. */
export interface ToolPolicy {
  agent: string;
  tools: readonly string[];
  source: string;
}

/**
 * The agent's allow-list exactly as the runtime enforces it: `AgentDefinition.tools` of the
 * agent registered in graphs/agents.ts (declared in agents/<agent>/tools.ts), which every tool
 * context of its runs carries and `runTool` checks. No copy is kept here: loosen a list and the
 * eval judges against the loosened one — and its reach check (reach.ts) fails. An agent without a
 * list allows nothing.
 */
export function toolPolicy(agent: string, agents = AGENTS): ToolPolicy {
  const tools = Object.hasOwn(agents, agent) ? agents[agent]!.tools : [];
  return {
    agent,
    tools,
    source: tools.length ? `agents/${agent}/tools.ts (AgentDefinition.tools)` : "none declared",
  };
}
