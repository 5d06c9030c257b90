import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { WebEnv } from "../env.ts";
import { ApiErrorNote, Layout } from "../layout.tsx";

type Row = Record<string, unknown> & {
  id: string;
  scores?: Record<string, { value: number; probability: number | null; tier: string | null }>;
};

/** A sortable, filterable list over a /v1 entity list route (cursor pages, its own sort keys). */
export async function EntityList(
  c: Context<WebEnv>,
  spec: {
    kind: string;
    title: string;
    sorts: string[];
    columns: [string, (r: Row) => Child][];
    scoreKinds: string[];
    filters: [string, string][];
  },
) {
  const q = new URLSearchParams({ limit: "50" });
  for (const k of ["sort", "order", "q", "cursor", ...spec.filters.map(([f]) => f)])
    if (c.req.query(k)) q.set(k, c.req.query(k)!);
  const answer = await c.get("api")<{ data: Row[]; page: { next_cursor: string | null; total?: number } }>(
    "GET",
    `/v1/${spec.kind}?${q}`,
  );
  const link = (sort: string) => {
    const p = new URLSearchParams(q);
    p.delete("cursor");
    p.delete("limit");
    const desc = c.req.query("sort") === sort && c.req.query("order") !== "desc";
    p.set("sort", sort);
    p.set("order", desc ? "desc" : "asc");
    return `/app/${spec.kind}?${p}`;
  };
  return c.html(
    <Layout title={spec.title} path={`/app/${spec.kind}`} principal={c.get("principal")} csrf={c.get("csrf")}>
      <form method="get" action={`/app/${spec.kind}`} class="row filters">
        <label>
          Search
          <input name="q" value={c.req.query("q") ?? ""} />
        </label>
        {spec.filters.map(([f, label]) => (
          <label>
            {label}
            <input name={f} value={c.req.query(f) ?? ""} size={12} />
          </label>
        ))}
        <label>
          Sort by
          <select name="sort">
            {spec.sorts.map((s) => (
              <option selected={c.req.query("sort") === s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select name="order">
            <option>asc</option>
            <option selected={c.req.query("order") === "desc"}>desc</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      {!answer.ok ? (
        <ApiErrorNote error={answer.error} />
      ) : (
        <>
          <p class="meta">
            {answer.data.page.total ?? answer.data.data.length} {spec.kind}
          </p>
          <div class="scroll">
            <table class="stack" id={spec.kind}>
              <thead>
                <tr>
                  {spec.columns.map(([h]) => (
                    <th>{h}</th>
                  ))}
                  {spec.scoreKinds.map((k) => (
                    <th>
                      <a href={link(spec.sorts.includes(k) ? k : spec.sorts[0]!)}>{k}</a>
                    </th>
                  ))}
                  <th>tier</th>
                </tr>
              </thead>
              <tbody>
                {answer.data.data.map((r) => (
                  <tr>
                    {spec.columns.map(([, cell]) => (
                      <td>{cell(r)}</td>
                    ))}
                    {spec.scoreKinds.map((k) => {
                      const s = r.scores?.[k];
                      return (
                        <td>
                          {s
                            ? s.probability !== null && k === "churn"
                              ? s.probability.toFixed(2)
                              : s.value.toFixed(0)
                            : "—"}
                        </td>
                      );
                    })}
                    <td>
                      {spec.scoreKinds
                        .map((k) => r.scores?.[k]?.tier)
                        .filter(Boolean)
                        .join(", ") || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {answer.data.page.next_cursor && (
            <p>
              <a
                class="button"
                href={`/app/${spec.kind}?${new URLSearchParams({ ...Object.fromEntries(q), cursor: answer.data.page.next_cursor })}`}
              >
                Next page
              </a>
            </p>
          )}
        </>
      )}
    </Layout>,
  );
}
