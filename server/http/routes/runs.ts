import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../../db/index.ts";
import { countRunOutputs, runOutputs } from "../../../db/queries/outputs.ts";
import { getRun, type AgentRun } from "../../../db/queries/runs.ts";
import { agentNamed } from "../../../graphs/agents.ts";
import { cancelRun, enqueueRun, waitForRun } from "../../../graphs/runtime/index.ts";
import { requireScope } from "../auth.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { router } from "../router.ts";
import { conflictResponse, errorResponses, IdParam, json, jsonBody } from "../schemas.ts";
import { runListRoutes } from "./run-list.ts";
import { Outputs, OutputTotals, Run, RunCreate, outputsView, runView } from "./run-schemas.ts";

const Created = z
  .object({
    run: Run,
    created: z.boolean().openapi({ description: "false: the idempotency key found an earlier run" }),
    behind: z.string().nullable().openapi({ description: "policy enqueue: the active run it waits behind" }),
  })
  .openapi("RunAccepted");

const Finished = z.object({ run: Run, outputs: Outputs, created: z.boolean() }).openapi("RunResult");

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["runs"],
  summary: "Start an agent run (background: 202 with the run; wait: the result)",
  middleware: [requireScope("runs:write")] as const,
  request: {
    headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }),
    body: jsonBody(RunCreate),
  },
  responses: {
    200: json(Finished, "mode wait: the run finished or waits for a person; with what it wrote"),
    202: json(Created, "Queued (or still running after wait_timeout_ms)"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const get = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["runs"],
  summary: "A run: status, usage, error, and what it wrote (first page of each kind, with totals)",
  middleware: [requireScope("read")] as const,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ run: Run, outputs: Outputs, totals: OutputTotals }), "The run"),
    ...errorResponses,
  },
});

const cancel = createRoute({
  method: "post",
  path: "/{id}/cancel",
  tags: ["runs"],
  summary: "Cancel a queued, running or interrupted run (a running one stops at its next node)",
  middleware: [requireScope("runs:write")] as const,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ run: Run }), "The run, cancelled"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function runRoutes(ctx: AppContext) {
  const { deps, queue } = ctx;
  const owned = async (tenantId: string, id: string): Promise<AgentRun> => {
    const run = await withTenant(deps.sql, tenantId, (tx) => getRun(tx, tenantId, id));
    if (!run) throw notFound("run", id);
    return run;
  };
  return router()
    .openapi(create, async (c) => {
      const body = c.req.valid("json");
      const header = c.req.valid("header")["idempotency-key"];
      if (header && body.idempotency_key && header !== body.idempotency_key) {
        throw new ApiError(
          400,
          "VALIDATION_FAILED",
          "Idempotency-Key header and body disagree",
          "idempotency_key",
        );
      }
      const { tenantId } = c.get("principal");
      const { run, created, behind } = await enqueueRun(deps, queue, agentNamed(body.agent), {
        tenantId,
        target: body.target,
        trigger: "api",
        idempotencyKey: header ?? body.idempotency_key,
        policy: body.policy,
        budget: {
          ...(body.budget?.max_llm_calls !== undefined ? { maxLlmCalls: body.budget.max_llm_calls } : {}),
          ...(body.budget?.max_tokens !== undefined ? { maxTokens: body.budget.max_tokens } : {}),
          ...(body.budget?.max_wall_ms !== undefined ? { maxWallMs: body.budget.max_wall_ms } : {}),
        },
      });
      c.set("log", c.get("log").child({ runId: run.id }));
      c.header("Location", `/v1/runs/${run.id}`);
      if (body.mode === "wait") {
        const waited = await waitForRun(deps, tenantId, run.id, body.wait_timeout_ms, c.req.raw.signal);
        if (waited.settled) {
          const outputs = outputsView(await runOutputs(deps.sql, run.id));
          return c.json({ run: runView(waited.run), outputs, created }, 200);
        }
        return c.json({ run: runView(waited.run), created, behind }, 202);
      }
      return c.json({ run: runView(run), created, behind }, 202);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid("param");
      const run = await owned(c.get("principal").tenantId, id);
      const outputs = outputsView(await runOutputs(deps.sql, run.id));
      return c.json({ run: runView(run), outputs, totals: await countRunOutputs(deps.sql, run.id) }, 200);
    })
    .openapi(cancel, async (c) => {
      const { id } = c.req.valid("param");
      const { tenantId, prefix } = c.get("principal");
      await owned(tenantId, id);
      c.set("log", c.get("log").child({ runId: id }));
      const run = await cancelRun(deps.sql, tenantId, id, `api_key:${prefix}`);
      return c.json({ run: runView(run) }, 200);
    })
    .route("/", runListRoutes(ctx));
}
