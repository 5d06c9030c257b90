import { createRoute, z } from "@hono/zod-openapi";
import { AGENTS } from "../../graphs/agents.ts";
import { requireScope } from "../http/auth.ts";
import type { AppContext } from "../http/context.ts";
import { router } from "../http/router.ts";
import { errorResponses } from "../http/schemas.ts";
import { agentOfAssistant, assistantView, drawingOf, schemasOf } from "./assistants-registry.ts";
import { Answer, AssistantParam, bodyOf, looseBody, Paging } from "./schemas.ts";

const tags = ["protocol: assistants"];
const read = [requireScope("read")];

const Search = z.object({
  graph_id: z.string().optional(),
  name: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  ...Paging,
});

const search = createRoute({
  method: "post",
  path: "/assistants/search",
  tags,
  summary: "The assistants: one per agent graph",
  middleware: read,
  request: { body: looseBody(Search) },
  responses: { 200: Answer("Assistants"), ...errorResponses },
});
const get = createRoute({
  method: "get",
  path: "/assistants/{assistant_id}",
  tags,
  summary: "An assistant, by its id or its graph's name",
  middleware: read,
  request: { params: AssistantParam },
  responses: { 200: Answer("The assistant"), ...errorResponses },
});
const graph = createRoute({
  method: "get",
  path: "/assistants/{assistant_id}/graph",
  tags,
  summary: "The compiled graph's nodes and edges",
  middleware: read,
  request: {
    params: AssistantParam,
    query: z.object({
      xray: z.union([z.enum(["true", "false"]), z.coerce.number().int().min(0)]).optional(),
    }),
  },
  responses: { 200: Answer("The drawing"), ...errorResponses },
});
const schemas = createRoute({
  method: "get",
  path: "/assistants/{assistant_id}/schemas",
  tags,
  summary: "Input, state, config and context JSON schemas of the graph",
  middleware: read,
  request: { params: AssistantParam },
  responses: { 200: Answer("The schemas"), ...errorResponses },
});

export function assistantRoutes({ deps }: AppContext) {
  return router()
    .openapi(search, (c) => {
      const q = bodyOf(c.req.valid("json"), Search);
      const all = Object.values(AGENTS)
        .filter((a) => (!q.graph_id || a.name === q.graph_id) && (!q.name || a.name.includes(q.name)))
        .map(assistantView)
        .filter((a) =>
          Object.entries(q.metadata ?? {}).every(
            ([k, v]) => (a.metadata as Record<string, unknown>)[k] === v,
          ),
        );
      return c.json(all.slice(q.offset, q.offset + q.limit), 200);
    })
    .openapi(get, (c) => c.json(assistantView(agentOfAssistant(c.req.valid("param").assistant_id)), 200))
    .openapi(graph, async (c) => {
      const agent = agentOfAssistant(c.req.valid("param").assistant_id);
      const x = c.req.valid("query").xray;
      const xray = x === undefined || x === "false" ? false : x === "true" ? true : x;
      return c.json(await drawingOf(agent, deps, xray), 200);
    })
    .openapi(schemas, (c) =>
      c.json(schemasOf(agentOfAssistant(c.req.valid("param").assistant_id), deps), 200),
    );
}
