import { csAgent } from "./cs/index.ts";
import { marketingAgent } from "./marketing/index.ts";
import { plannerAgent } from "./planner/index.ts";
import type { AgentDefinition } from "./runtime/index.ts";
import { salesAgent } from "./sales/index.ts";
import { supportAgent } from "./support/index.ts";

/** Every agent the engine can run, by name (the `agent` of a run). */
export const AGENTS: Record<string, AgentDefinition> = {
  sales: salesAgent,
  cs: csAgent,
  marketing: marketingAgent,
  planner: plannerAgent,
  support: supportAgent,
};

/** Raised for an agent name the engine does not know; lists the ones it does. */
export class UnknownAgentError extends Error {
  readonly code = "UNKNOWN_AGENT";
  constructor(name: string) {
    super(`unknown agent "${name}"; known: ${Object.keys(AGENTS).sort().join(", ") || "(none)"}`);
  }
}

export function agentNamed(name: string): AgentDefinition {
  const agent = Object.hasOwn(AGENTS, name) ? AGENTS[name] : undefined;
  if (!agent) throw new UnknownAgentError(name);
  return agent;
}
