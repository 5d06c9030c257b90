import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { WebEnv } from "../env.ts";
import { Layout } from "../layout.tsx";

interface Report {
  createdAt: string;
  seconds: number;
  options: { seed: number; suites: string[] };
  suites: {
    suite: string;
    title: string;
    seconds: number;
    metrics: { name: string; value: number | null; status: string; label: string; reason?: string }[];
    charts: { file: string; title: string }[];
  }[];
  gates?: { metric: string; value: number | null; verdict: "pass" | "fail" | "skipped"; message: string }[];
}

const CHART_FILE = /^[a-z0-9][a-z0-9._-]*\.svg$/;
/** A chart as report.json names it (relative to the report: `charts/<file>.svg`). */
const chartName = (file: string) => file.replace(/^charts\//, "");

/**
 * The latest `crm eval` report (report.json and charts/*.svg in `dir`, where `crm eval` writes
 * by default): every suite's metrics, its charts, and the gates that pass or fail.
 */
export function evalRoutes(dir = resolve("reports/eval")) {
  const app = new Hono<WebEnv>();
  app.get("/app/evals", async (c) => {
    const report = await readFile(join(dir, "report.json"), "utf8")
      .then((t) => JSON.parse(t) as Report)
      .catch(() => null);
    const layout = (body: Child) =>
      c.html(
        <Layout title="Evals" path="/app/evals" principal={c.get("principal")} csrf={c.get("csrf")}>
          {body}
        </Layout>,
      );
    if (!report)
      return layout(
        <p class="card">
          No eval report yet: run <code>npx crm eval</code>; it writes {dir}/report.json.
        </p>,
      );
    const gates = report.gates ?? [];
    const count = (v: string) => gates.filter((g) => g.verdict === v).length;
    return layout(
      <>
        <p class="meta">
          Report of {report.createdAt.slice(0, 16).replace("T", " ")} UTC · seed {report.options.seed} ·{" "}
          {report.seconds.toFixed(0)} s · suites {report.options.suites.join(", ")}
        </p>
        <h2>
          Gates: {count("pass")} pass, {count("fail")} fail, {count("skipped")} skipped (their suite did not
          run)
        </h2>
        <div class="scroll">
          <table class="stack" id="gates">
            <thead>
              <tr>
                <th>Gate</th>
                <th>Value</th>
                <th>Verdict</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {gates.map((g) => (
                <tr>
                  <td>{g.metric}</td>
                  <td>{g.value === null ? "—" : g.value.toFixed(3)}</td>
                  <td>
                    <span
                      class={`pill ${g.verdict === "pass" ? "succeeded" : g.verdict === "fail" ? "failed" : ""}`}
                    >
                      {g.verdict}
                    </span>
                  </td>
                  <td>{g.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.suites.map((s) => (
          <section class="card">
            <h2>
              {s.title}{" "}
              <span class="meta">
                ({s.suite}, {s.seconds.toFixed(1)} s)
              </span>
            </h2>
            <table class="stack">
              <tbody>
                {s.metrics.map((m) => (
                  <tr>
                    <td>{m.label}</td>
                    <td>
                      <code>{m.name}</code>
                    </td>
                    <td>
                      {m.value === null ? `not run${m.reason ? `: ${m.reason}` : ""}` : m.value.toFixed(3)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="lanes">
              {s.charts
                .filter((ch) => CHART_FILE.test(chartName(ch.file)))
                .map((ch) => (
                  <figure class="chart">
                    <img src={`/app/evals/charts/${chartName(ch.file)}`} alt={ch.title} width="100%" />
                    <figcaption>{ch.title}</figcaption>
                  </figure>
                ))}
            </div>
          </section>
        ))}
      </>,
    );
  });
  app.get("/app/evals/charts/:file", async (c) => {
    const file = c.req.param("file");
    if (!CHART_FILE.test(file)) return c.text("not a chart file name", 400);
    const svg = await readFile(join(dir, "charts", file)).catch(() => null);
    if (!svg) return c.text(`no chart ${file} in the latest report`, 404);
    return c.body(new Uint8Array(svg), 200, {
      "content-type": "image/svg+xml",
      "content-security-policy": "script-src 'none'",
    });
  });
  return app;
}
