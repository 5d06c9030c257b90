import { Hono } from "hono";
import type { AppContext } from "../../http/context.ts";
import { must } from "../api.ts";
import { canWrite, type WebEnv } from "../env.ts";
import { ApiErrorNote, Layout } from "../layout.tsx";
import { planExtras } from "./plan-data.ts";
import { lanesOf, TaskRow, type PlanAnswer } from "./plan-lanes.tsx";

const hours = (m: number) => (m / 60).toFixed(1);

/** Today's plan (GET /v1/plans/{date}): a lane per person, capacity bars, the unplaced tasks. */
export function planRoutes({ deps }: AppContext) {
  const app = new Hono<WebEnv>();
  app.get("/app/plan", async (c) => {
    const principal = c.get("principal");
    const date = c.req.query("date") || new Date().toISOString().slice(0, 10);
    const answer = await c.get("api")<PlanAnswer>("GET", `/v1/plans/${encodeURIComponent(date)}`);
    const picker = (
      <form method="get" action="/app/plan" class="row filters">
        <label>
          Plan of
          <input type="date" name="date" value={date} />
        </label>
        <button type="submit">Show</button>
      </form>
    );
    if (!answer.ok) {
      const list = must(
        await c.get("api")<{ data: { plan_date: string }[] }>("GET", "/v1/plans?limit=10"),
      ).data;
      return c.html(
        <Layout title="Today's plan" path="/app/plan" principal={principal} csrf={c.get("csrf")}>
          {picker}
          <ApiErrorNote error={answer.error} />
          {list.length > 0 && (
            <p>
              Plans made:{" "}
              {list.map((p) => (
                <a href={`/app/plan?date=${p.plan_date}`}>{p.plan_date} </a>
              ))}
            </p>
          )}
        </Layout>,
        answer.status === 404 ? 404 : 200,
      );
    }
    const { plan, reps } = answer.data;
    const extras = await planExtras(deps.sql, principal.tenantId, plan.id);
    const tasks = new Map(extras.tasks.map((t) => [t.id, t]));
    const write = canWrite(principal);
    const unplaced = extras.tasks.filter(
      (t) => !t.placed && !t.reassigned && (t.status === "open" || t.status === "in_progress"),
    );
    const byReason = (plan.stats.unassigned_by_reason ?? {}) as Record<string, number>;
    return c.html(
      <Layout title={`Plan of ${plan.plan_date}`} path="/app/plan" principal={principal} csrf={c.get("csrf")}>
        {picker}
        <p class="card" id="plan-facts">
          Method <strong>{plan.method ?? "—"}</strong> ({plan.status}) · objective{" "}
          <strong>{plan.objective?.toFixed(1) ?? "—"}</strong> · bound{" "}
          <strong>{plan.bound?.toFixed(1) ?? "—"}</strong> ({plan.bound_source ?? "—"}) · gap{" "}
          <strong>{plan.gap === null ? "—" : `${(100 * plan.gap).toFixed(2)} %`}</strong>
          {plan.fallback && <> · greedy because {plan.fallback}</>}
        </p>
        <div id="plan-status" role="status" aria-live="polite"></div>
        <div class="lanes">
          {lanesOf(reps, tasks, extras.people).map(({ rep, placed }) => {
            const used = rep.capacity_minutes > 0 ? rep.planned_minutes / rep.capacity_minutes : 0;
            return (
              <section class="card lane" data-user={rep.user_id} aria-label={`${rep.name}'s day`}>
                <h2>
                  {rep.name} <span class="meta">{rep.role}</span>
                </h2>
                <div
                  class={`bar${used > 1 ? " over" : ""}`}
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={rep.capacity_minutes}
                  aria-valuenow={rep.planned_minutes}
                  aria-label={`${hours(rep.planned_minutes)} of ${hours(rep.capacity_minutes)} hours planned`}
                  data-planned-minutes={rep.planned_minutes}
                  data-capacity-minutes={rep.capacity_minutes}
                >
                  <span style={`width:${Math.min(100, 100 * used).toFixed(1)}%`}></span>
                </div>
                <p class="meta">
                  {hours(rep.planned_minutes)} h of {hours(rep.capacity_minutes)} h planned ·{" "}
                  {rep.tasks.length} tasks in the plan
                </p>
                {placed.map(({ task, from }) => (
                  <TaskRow
                    task={task}
                    now={tasks.get(task.task_id)}
                    from={from}
                    laneUser={rep.user_id}
                    people={extras.people}
                    write={write}
                    csrf={c.get("csrf")}
                    date={plan.plan_date}
                  />
                ))}
              </section>
            );
          })}
        </div>
        <h2>Not placed ({unplaced.length})</h2>
        <p class="meta">
          Why:{" "}
          {Object.entries(byReason)
            .map(([why, n]) => `${n} ${why}`)
            .join(", ") || "every candidate was placed"}
          .
        </p>
        <div class="scroll">
          <table class="stack" id="unplaced">
            <thead>
              <tr>
                <th>Task</th>
                <th>Reason for the task</th>
                <th>Why not placed</th>
                <th>Value</th>
                <th>With</th>
              </tr>
            </thead>
            <tbody>
              {unplaced.slice(0, 100).map((t) => (
                <tr>
                  <td>{t.title}</td>
                  <td>{t.reason}</td>
                  <td class="why-unplaced">{t.unplaced_reason ?? "not recorded by this plan"}</td>
                  <td>{t.priority_value.toFixed(0)}</td>
                  <td>{t.assignee_name ?? "nobody"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>,
    );
  });

  // reassign and mark done: PATCH /v1/tasks/{id}, the error beside the control
  app.post("/app/plan/tasks/:id", async (c) => {
    const form = await c.req.parseBody();
    const body =
      form.action === "done"
        ? { status: "done" }
        : { assignee_id: typeof form.assignee_id === "string" ? form.assignee_id : "" };
    const res = await c.get("api")<{ assignee_name?: string | null; status?: string }>(
      "PATCH",
      `/v1/tasks/${c.req.param("id")}`,
      body,
    );
    if (!c.req.header("hx-request"))
      return c.redirect(`/app/plan?date=${encodeURIComponent(String(form.date ?? ""))}`, 303);
    if (!res.ok) return c.html(<ApiErrorNote error={res.error} />);
    c.header("HX-Refresh", "true");
    return c.html(
      <p class="notice">
        {form.action === "done" ? "marked done" : `now with ${res.data.assignee_name ?? "nobody"}`}
      </p>,
    );
  });
  return app;
}
