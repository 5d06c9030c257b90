import { createHash } from "node:crypto";
import { z } from "zod";
import { AGENTS } from "../../graphs/agents.ts";
import type { AgentDefinition, Deps } from "../../graphs/runtime/index.ts";
import { graphFor } from "../../graphs/runtime/agent.ts";
import { notFound } from "../http/errors.ts";

/** The same epoch for every assistant: they are the deployed graphs, not rows someone created. */
const DEPLOYED = new Date(0).toISOString();

/** A stable UUID per graph (name-based, like LangGraph's own server gives its default assistants). */
export function assistantId(graph: string): string {
  const h = createHash("sha1").update(`crm-agents:assistant:${graph}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The agent an assistant id (its UUID, or the graph's name) stands for; 404 otherwise. */
export function agentOfAssistant(id: string): AgentDefinition {
  const agent = Object.values(AGENTS).find((a) => a.name === id || assistantId(a.name) === id);
  if (!agent) throw notFound("assistant", id, "assistant_id");
  return agent;
}

export function assistantView(agent: AgentDefinition) {
  return {
    assistant_id: assistantId(agent.name),
    graph_id: agent.name,
    name: agent.name,
    description: `the ${agent.name} agent of crm-agents`,
    config: {},
    context: {},
    metadata: { created_by: "system" },
    version: 1,
    created_at: DEPLOYED,
    updated_at: DEPLOYED,
  };
}

/** What a run's input names: the target the agent runs on. */
export const TargetInput = z
  .object({
    target: z
      .object({
        kind: z
          .enum(["account", "lead", "deal", "ticket", "contact", "segment", "all"])
          .describe("what the run is about; each agent runs on some kinds only"),
        id: z.string().optional().describe("the entity's id (every kind but all and segment)"),
        filter: z.record(z.string(), z.unknown()).optional().describe("a segment's filter"),
      })
      .describe("the run target (a thread with a target supplies it)"),
  })
  .describe("the input of a run");

/** The config Studio and the SDK may send: the tenant a run without an API key works in. */
export const RunConfig = z.object({
  configurable: z
    .object({
      tenant: z.string().optional().describe("tenant slug (Studio; over HTTP the API key decides)"),
    })
    .describe("LangGraph configurable"),
});

/** The JSON schemas of an agent's graph: input, state (its channels), config, context. */
export function schemasOf(agent: AgentDefinition, deps: Deps) {
  const graph = graphFor(agent, deps) as unknown as { channels?: Record<string, unknown> };
  const channels = Object.keys(graph.channels ?? {}).filter((k) => !k.startsWith("__") && !k.includes(":"));
  const state = {
    type: "object",
    title: `${agent.name} state`,
    properties: Object.fromEntries(
      channels.map((k) => [k, { description: `state channel ${k} (see graphs/${agent.name}/state.ts)` }]),
    ),
  };
  return {
    graph_id: agent.name,
    input_schema: z.toJSONSchema(TargetInput),
    output_schema: state,
    state_schema: state,
    config_schema: z.toJSONSchema(RunConfig),
    context_schema: { type: "object", properties: {} },
  };
}

/** The graph's drawing (nodes and edges) from the compiled graph. */
export async function drawingOf(agent: AgentDefinition, deps: Deps, xray: boolean | number) {
  const graph = graphFor(agent, deps) as unknown as {
    getGraphAsync(o: { xray?: boolean | number }): Promise<{ toJSON(): Record<string, unknown> }>;
  };
  return (await graph.getGraphAsync({ xray })).toJSON();
}
