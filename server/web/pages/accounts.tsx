import { Hono } from "hono";
import { withTenant } from "../../../db/index.ts";
import { accountWork } from "../../../db/queries/web-account.ts";
import { draftContext } from "../../../db/queries/web-inbox.ts";
import type { AppContext } from "../../http/context.ts";
import { must } from "../api.ts";
import { LineChart } from "../chart.tsx";
import type { WebEnv } from "../env.ts";
import { Layout } from "../layout.tsx";
import { EntityList } from "./entity-list.tsx";
import { evidenceLine } from "./inbox-card.tsx";

interface Score {
  kind: string;
  value: number;
  probability: number | null;
  tier: string | null;
  reasons: { factor: string; contribution: number; evidence_ids?: string[] }[];
  created_at?: string;
  scored_at?: string;
  model_version: string;
}
const when = (d: Date | string | null) =>
  d ? new Date(d).toISOString().slice(0, 16).replace("T", " ") : "—";

/** Accounts and leads (GET /v1/accounts, /v1/leads) and an account's page. */
export function accountRoutes({ deps }: AppContext) {
  const app = new Hono<WebEnv>();
  app.get("/app/accounts", (c) =>
    EntityList(c, {
      kind: "accounts",
      title: "Accounts",
      sorts: ["name", "health", "churn", "arr", "renewal"],
      columns: [
        ["Account", (r) => <a href={`/app/accounts/${r.id}`}>{String(r.name)}</a>],
        ["Segment", (r) => String(r.segment ?? "—")],
        ["Owner", (r) => String(r.owner_name ?? "—")],
        ["ARR", (r) => (r.arr === null ? "—" : Number(r.arr).toLocaleString("en-US"))],
      ],
      scoreKinds: ["health", "churn"],
      filters: [["segment", "Segment"]],
    }),
  );
  app.get("/app/leads", (c) =>
    EntityList(c, {
      kind: "leads",
      title: "Leads",
      sorts: ["score", "name", "updated", "created"],
      columns: [
        ["Lead", (r) => `${r.first_name ?? ""} ${r.last_name ?? ""}`.trim() || String(r.email ?? r.id)],
        [
          "Company",
          (r) =>
            r.account_id ? (
              <a href={`/app/accounts/${r.account_id}`}>{String(r.company ?? "account")}</a>
            ) : (
              String(r.company ?? "—")
            ),
        ],
        ["Status", (r) => String(r.status ?? "—")],
        ["Owner", (r) => String(r.owner_name ?? "—")],
      ],
      scoreKinds: ["lead"],
      filters: [["status", "Status"]],
    }),
  );

  app.get("/app/accounts/:id", async (c) => {
    const id = c.req.param("id");
    const api = c.get("api");
    const account = must(
      await api<Record<string, unknown> & { name: string; scores: Score[] }>(
        "GET",
        `/v1/accounts/${encodeURIComponent(id)}`,
      ),
    );
    const history = must(
      await api<{ history: Score[] }>("GET", `/v1/scores?entity_kind=account&entity_id=${id}&limit=500`),
    ).history;
    const { tenantId } = c.get("principal");
    const refs = account.scores.flatMap((s) => s.reasons.flatMap((r) => r.evidence_ids ?? []));
    const { work, ctx } = await withTenant(deps.sql, tenantId, async (tx) => ({
      work: await accountWork(tx, id),
      ctx: await draftContext(tx, [
        {
          contact_id: null,
          lead_id: null,
          account_id: null,
          evidence_ids: refs,
          run_id: null,
          entity_kind: "account",
          entity_id: id,
        },
      ]),
    }));
    const kinds = [...new Set(history.map((s) => s.kind))];
    return c.html(
      <Layout title={account.name} path="/app/accounts" principal={c.get("principal")} csrf={c.get("csrf")}>
        <p class="meta">
          {String(account.segment ?? "")} · {String(account.plan ?? "")} · owner{" "}
          {String(account.owner_name ?? "none")} · renewal {String(account.renewal_date ?? "—")}
        </p>
        <h2>Score history</h2>
        <div class="charts" id="score-charts">
          {kinds.map((k) => {
            const of = history.filter((s) => s.kind === k);
            const prob = of.every((s) => s.probability !== null) && k === "churn";
            return (
              <LineChart
                id={`chart-${k}`}
                title={`${k} ${prob ? "probability" : "score"}`}
                yLabel={prob ? "probability" : k}
                yMin={0}
                yMax={prob ? 1 : 100}
                points={of.map((s) => ({
                  at: new Date(s.created_at ?? s.scored_at ?? 0),
                  value: prob ? s.probability! : s.value,
                }))}
              />
            );
          })}
        </div>
        <h2>Why: the current scores and their evidence</h2>
        {account.scores.map((s) => (
          <section class="card">
            <strong>{s.kind}</strong> {s.value.toFixed(1)} {s.tier && <span class="pill">{s.tier}</span>}
            {s.probability !== null && ` · p ${s.probability.toFixed(3)}`}{" "}
            <span class="meta">
              model {s.model_version} · {when(s.scored_at ?? null)}
            </span>
            <ul>
              {[...s.reasons]
                .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
                .map((r) => (
                  <li>
                    {r.factor} ({r.contribution >= 0 ? "+" : ""}
                    {r.contribution.toFixed(2)})
                    {(r.evidence_ids ?? []).length > 0 && (
                      <ul class="evidence">
                        {r.evidence_ids!.map((e) => (
                          <li>{evidenceLine(e, ctx)}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
        <h2>Open tasks ({work.tasks.length})</h2>
        <ul>
          {work.tasks.map((t) => (
            <li>
              {t.title} · {t.assignee_name ?? "unassigned"} · due {when(t.due_at)}{" "}
              <span class="meta">{t.reason}</span>
            </li>
          ))}
        </ul>
        <h2>Drafts ({work.drafts.length})</h2>
        <ul>
          {work.drafts.map((d) => (
            <li>
              <span class={`pill ${d.status}`}>{d.status}</span> {d.subject ?? "(no subject)"} · {d.channel} ·{" "}
              {d.agent}
            </li>
          ))}
        </ul>
        <h2>Tickets ({work.tickets.length})</h2>
        <ul>
          {work.tickets.map((t) => (
            <li>
              <span class="pill">{t.status}</span> {t.subject ?? t.id} · {t.priority ?? ""} ·{" "}
              {when(t.created_at)}
            </li>
          ))}
        </ul>
        <h2>Recent runs ({work.runs.length})</h2>
        <ul>
          {work.runs.map((r) => (
            <li>
              <a href={`/app/runs/${r.id}`}>{r.id.slice(0, 8)}</a> {r.agent} · {r.trigger} ·{" "}
              <span class={`pill ${r.status}`}>{r.status}</span> · {when(r.created_at)}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
  return app;
}
