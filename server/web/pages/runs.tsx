import { Hono } from "hono";
import { must, streamAs, type ApiFetch } from "../api.ts";
import { canApprove, canWrite, type WebEnv } from "../env.ts";
import { ApiErrorNote, Layout } from "../layout.tsx";
import { asMessages } from "../sse-relay.ts";

interface Run {
  id: string;
  agent: string;
  target: { kind: string; id?: string };
  status: string;
  trigger: string;
  budget: Record<string, number>;
  usage: Record<string, unknown>;
  provider: string | null;
  degraded: boolean;
  error: Record<string, unknown> | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
/** What a run wrote (GET /v1/runs gives it per row). */
type Outputs = { scores: number; tasks: number; drafts: number };
const outputsText = (o: Outputs) => `${o.scores} scores, ${o.tasks} tasks, ${o.drafts} drafts`;

interface RunAnswer {
  run: Run;
  outputs: {
    scores: unknown[];
    tasks: unknown[];
    drafts: { id: string; status: string; subject: string | null }[];
  };
  totals?: Record<string, number>;
}

const duration = (r: Run) => {
  if (!r.started_at) return "—";
  const ms = new Date(r.finished_at ?? Date.now()).getTime() - new Date(r.started_at).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
};
const target = (t: Run["target"]) => `${t.kind}${t.id ? ` ${t.id.slice(0, 8)}` : ""}`;
/** `agent_runs.usage` as the model meter stores it (models/meter.ts). */
type Usage = { total?: { calls?: number; inputTokens?: number; outputTokens?: number }; wallMs?: number };
const used = (u: Record<string, unknown>) => {
  const { total = {}, wallMs = 0 } = u as Usage;
  return {
    llm_calls: total.calls ?? 0,
    tokens: (total.inputTokens ?? 0) + (total.outputTokens ?? 0),
    wall_ms: wallMs,
  };
};
const usageText = (u: Record<string, unknown>) => {
  const x = used(u);
  return `${x.llm_calls} LLM calls, ${x.tokens} tokens, ${(x.wall_ms / 1000).toFixed(1)} s`;
};
/** Each budget of the run against what it used (the budget keys are max_* or camelCase). */
function budgetUsed(run: Run) {
  const u = used(run.usage);
  const of: Record<string, keyof typeof u> = {
    maxllmcalls: "llm_calls",
    maxtokens: "tokens",
    maxwallms: "wall_ms",
  };
  return Object.entries(run.budget).map(([k, max]) => {
    const name = of[k.replace(/_/g, "").toLowerCase()];
    return { k: name ?? k, used: name ? u[name] : 0, max };
  });
}

/** Runs (GET /v1/runs), a run's page with its live events, cancel and continue. */
export function runRoutes(fetchApi: ApiFetch) {
  const app = new Hono<WebEnv>();
  app.get("/app/runs", async (c) => {
    const q = new URLSearchParams({ limit: "50" });
    for (const k of ["agent", "status", "trigger"]) if (c.req.query(k)) q.set(k, c.req.query(k)!);
    const answer = await c.get("api")<{ data: (Run & { outputs: Outputs })[] }>("GET", `/v1/runs?${q}`);
    return c.html(
      <Layout title="Runs" path="/app/runs" principal={c.get("principal")} csrf={c.get("csrf")}>
        <form method="get" action="/app/runs" class="row filters">
          <label>
            Agent
            <input name="agent" value={c.req.query("agent") ?? ""} size={10} />
          </label>
          <label>
            Status
            <input name="status" value={c.req.query("status") ?? ""} size={10} />
          </label>
          <label>
            Trigger
            <input name="trigger" value={c.req.query("trigger") ?? ""} size={10} />
          </label>
          <button type="submit">Filter</button>
        </form>
        {answer.ok ? (
          <div class="scroll">
            <table class="stack" id="runs">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Agent</th>
                  <th>Trigger</th>
                  <th>Target</th>
                  <th>Status</th>
                  <th>Duration</th>
                  <th>Outputs</th>
                  <th>Usage</th>
                  <th>Provider</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {answer.data.data.map((r) => (
                  <tr>
                    <td>
                      <a href={`/app/runs/${r.id}`}>{r.id.slice(0, 8)}</a>
                    </td>
                    <td>{r.agent}</td>
                    <td>{r.trigger}</td>
                    <td>{target(r.target)}</td>
                    <td>
                      <span class={`pill ${r.status}`}>{r.status}</span>
                    </td>
                    <td>{duration(r)}</td>
                    <td>{outputsText(r.outputs)}</td>
                    <td>{usageText(r.usage)}</td>
                    <td>
                      {r.provider ?? "—"}
                      {r.degraded ? " (degraded)" : ""}
                    </td>
                    <td>{r.created_at.slice(0, 19).replace("T", " ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <ApiErrorNote error={answer.error} />
        )}
      </Layout>,
    );
  });

  app.get("/app/runs/:id", async (c) => {
    const id = c.req.param("id");
    const { run, outputs, totals } = must(
      await c.get("api")<RunAnswer>("GET", `/v1/runs/${encodeURIComponent(id)}`),
    );
    const principal = c.get("principal");
    const active = ["queued", "running", "interrupted"].includes(run.status);
    const budget = budgetUsed(run);
    return c.html(
      <Layout
        title={`Run ${run.id.slice(0, 8)} · ${run.agent}`}
        path="/app/runs"
        principal={principal}
        csrf={c.get("csrf")}
      >
        <p class="card">
          <span class={`pill ${run.status}`} id="run-status">
            {run.status}
          </span>{" "}
          · trigger {run.trigger} · target {target(run.target)} · provider {run.provider ?? "—"} · duration{" "}
          {duration(run)} · outputs:{" "}
          {totals
            ? `${totals.scores ?? outputs.scores.length} scores, ${totals.tasks ?? outputs.tasks.length} tasks, ${totals.drafts ?? outputs.drafts.length} drafts`
            : `${outputs.scores.length} scores, ${outputs.tasks.length} tasks, ${outputs.drafts.length} drafts`}
        </p>
        <h2>Budget used</h2>
        <table id="budget">
          <thead>
            <tr>
              <th>Limit</th>
              <th>Used</th>
              <th>Budget</th>
              <th>Share</th>
            </tr>
          </thead>
          <tbody>
            {budget.map((b) => (
              <tr>
                <td>{b.k}</td>
                <td>{b.used}</td>
                <td>{b.max}</td>
                <td>
                  <div
                    class="bar"
                    role="meter"
                    aria-label={`${b.k} used`}
                    aria-valuenow={b.used}
                    aria-valuemax={b.max}
                  >
                    <span
                      style={`width:${Math.min(100, (100 * b.used) / Math.max(1, b.max)).toFixed(1)}%`}
                    ></span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {active && (
          <div class="row" style="margin-top:8px">
            {canWrite(principal) && (
              <form
                method="post"
                action={`/app/runs/${run.id}/cancel`}
                hx-post={`/app/runs/${run.id}/cancel`}
                hx-target="#run-action"
              >
                <input type="hidden" name="_csrf" value={c.get("csrf")} />
                <button type="submit" class="danger">
                  Cancel run
                </button>
              </form>
            )}
            {run.status === "interrupted" && canApprove(principal) && (
              <form
                method="post"
                action={`/app/runs/${run.id}/continue`}
                hx-post={`/app/runs/${run.id}/continue`}
                hx-target="#run-action"
              >
                <input type="hidden" name="_csrf" value={c.get("csrf")} />
                <button type="submit">Continue with the rest pending</button>
              </form>
            )}
            <div id="run-action" aria-live="polite"></div>
          </div>
        )}
        {run.error && (
          <ApiErrorNote
            error={{
              code: String(run.error.code ?? "RUN_FAILED"),
              message: String(run.error.message ?? JSON.stringify(run.error)),
            }}
          />
        )}
        <h2>
          Events{" "}
          <span class="meta">
            (<span id="live-count">0</span>, <span id="live-state">connecting…</span>)
          </span>
        </h2>
        <ol class="timeline" id="events" data-events={`/app/runs/${run.id}/events`} aria-live="polite"></ol>
        {outputs.drafts.length > 0 && (
          <>
            <h2>Drafts</h2>
            <ul>
              {outputs.drafts.map((d) => (
                <li>
                  <span class={`pill ${d.status}`}>{d.status}</span> {d.subject ?? d.id}
                </li>
              ))}
            </ul>
          </>
        )}
      </Layout>,
    );
  });

  app.get("/app/runs/:id/events", async (c) => {
    const last = c.req.header("last-event-id");
    const res = await streamAs(fetchApi, c.get("principal"))(
      `/v1/runs/${encodeURIComponent(c.req.param("id"))}/events`,
      last ? { "last-event-id": last } : {},
    );
    if (!res.ok || !res.body) return new Response(res.body, { status: res.status, headers: res.headers });
    return new Response(asMessages(res.body), {
      status: 200,
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" },
    });
  });

  const action = (path: string, body: unknown) =>
    app.post(`/app/runs/:id/${path}`, async (c) => {
      const id = c.req.param("id");
      const res = await c.get("api")<{ run?: Run }>(
        "POST",
        `/v1/runs/${encodeURIComponent(id)}/${path === "continue" ? "approval" : path}`,
        body,
      );
      if (!c.req.header("hx-request")) return c.redirect(`/app/runs/${id}`, 303);
      if (!res.ok) return c.html(<ApiErrorNote error={res.error} />);
      c.header("HX-Refresh", "true");
      return c.html(<p class="notice">run is {res.data.run?.status ?? "updated"}</p>);
    });
  action("cancel", undefined);
  action("continue", { decisions: [], rest: "pending" });
  return app;
}
