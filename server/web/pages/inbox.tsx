import { Hono, type Context } from "hono";
import { withTenant } from "../../../db/index.ts";
import { draftContext } from "../../../db/queries/web-inbox.ts";
import type { AppContext } from "../../http/context.ts";
import { must } from "../api.ts";
import { canApprove, type WebEnv } from "../env.ts";
import { ApiErrorNote, Layout } from "../layout.tsx";
import { DraftCard, type InboxDraft } from "./inbox-card.tsx";

interface Waiting {
  run_id: string;
  agent: string;
  target: Record<string, unknown>;
  drafts: InboxDraft[];
}
type Decision = {
  draft_id: string;
  decision: "approve" | "reject" | "edit";
  subject?: string;
  body?: string;
  note?: string;
};

const options = (values: Iterable<string>) => [...new Set(values)].sort();

/** The inbox: every draft waiting for a decision (GET /v1/approvals), decided one by one or in bulk. */
export function inboxRoutes({ deps }: AppContext) {
  const app = new Hono<WebEnv>();
  app.get("/app/inbox", async (c) => {
    const principal = c.get("principal");
    const waiting = must(await c.get("api")<{ data: Waiting[] }>("GET", "/v1/approvals?limit=200")).data;
    const all = waiting.flatMap((w) =>
      w.drafts.filter((d) => d.status === "pending").map((d) => ({ d, runId: w.run_id })),
    );
    const ctx = await withTenant(deps.sql, principal.tenantId, (tx) =>
      draftContext(
        tx,
        all.map((a) => a.d),
      ),
    );
    const { agent, channel, owner } = c.req.query();
    const ownerOf = (d: InboxDraft) =>
      (d.account_id ? ctx.accounts.get(d.account_id)?.owner_name : null) ?? "none";
    const shown = all.filter(
      ({ d }) =>
        (!agent || d.agent === agent) &&
        (!channel || d.channel === channel) &&
        (!owner || ownerOf(d) === owner),
    );
    const approve = canApprove(principal);
    const select = (name: string, label: string, values: string[], current?: string) => (
      <label>
        {label}
        <select name={name}>
          <option value="">all</option>
          {values.map((v) => (
            <option value={v} selected={v === current}>
              {v}
            </option>
          ))}
        </select>
      </label>
    );
    return c.html(
      <Layout title="Inbox" path="/app/inbox" principal={principal} csrf={c.get("csrf")}>
        <form method="get" action="/app/inbox" class="row filters" aria-label="Filter drafts">
          {select("agent", "Agent", options(all.map((a) => a.d.agent)), agent)}
          {select("channel", "Channel", options(all.map((a) => a.d.channel)), channel)}
          {select("owner", "Account owner", options(all.map((a) => ownerOf(a.d))), owner)}
          <button type="submit">Filter</button>
        </form>
        {c.req.query("notice") && (
          <p class="notice" role="status">
            {c.req.query("notice")}
          </p>
        )}
        <div id="inbox-status" role="status" aria-live="polite"></div>
        <p class="meta">
          <span id="inbox-count">{shown.length}</span> of {all.length} drafts waiting, across {waiting.length}{" "}
          runs.
          {!approve && " Read-only: this key lacks the approve scope."}
        </p>
        {approve && shown.length > 0 && (
          <form
            id="bulk"
            method="post"
            action="/app/inbox/bulk"
            hx-post="/app/inbox/bulk"
            hx-target="#bulk-error"
            class="card row"
          >
            <input type="hidden" name="_csrf" value={c.get("csrf")} />
            <strong>Selected drafts:</strong>
            <button type="submit" name="decision" value="approve" class="primary">
              Approve selected
            </button>
            <label>
              Reason
              <input name="note" size={30} />
            </label>
            <button type="submit" name="decision" value="reject" class="danger">
              Reject selected
            </button>
            <div id="bulk-error" aria-live="polite"></div>
          </form>
        )}
        {shown.length === 0 && <p class="card">No drafts wait for a decision.</p>}
        {shown.map(({ d, runId }) => (
          <DraftCard draft={d} runId={runId} ctx={ctx} canApprove={approve} csrf={c.get("csrf")} />
        ))}
      </Layout>,
    );
  });

  app.post("/app/inbox/decide/:run/:draft", async (c) => {
    const form = await c.req.parseBody();
    const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
    const kind = text("decision");
    if (kind !== "approve" && kind !== "edit" && kind !== "reject")
      return answer(c, [], {
        code: "VALIDATION_FAILED",
        message: `decision must be approve, edit or reject`,
      });
    const note = text("note").trim() || undefined;
    const decision: Decision =
      kind === "edit"
        ? {
            draft_id: c.req.param("draft"),
            decision: "edit",
            subject: text("subject"),
            body: text("body"),
            note,
          }
        : { draft_id: c.req.param("draft"), decision: kind, note };
    return decide(c, c.req.param("run"), [decision]);
  });

  app.post("/app/inbox/bulk", async (c) => {
    const form = await c.req.parseBody({ all: true });
    const ids = ([] as unknown[]).concat(form.ids ?? []).filter((v): v is string => typeof v === "string");
    const kind = form.decision === "reject" ? "reject" : "approve";
    const note = typeof form.note === "string" && form.note.trim() ? form.note.trim() : undefined;
    if (ids.length === 0)
      return answer(c, [], { code: "VALIDATION_FAILED", message: "select at least one draft" });
    const byRun = new Map<string, Decision[]>();
    for (const id of ids) {
      const [run, draft] = id.split(":");
      if (!run || !draft) continue;
      byRun.set(run, [...(byRun.get(run) ?? []), { draft_id: draft, decision: kind, note }]);
    }
    return decide(c, null, [...byRun.entries()]);
  });
  return app;
}

type Ctx = Context<WebEnv>;

/** Stores decisions run by run through POST /v1/runs/{id}/approval; answers the page or htmx. */
async function decide(c: Ctx, run: string | null, batch: Decision[] | [string, Decision[]][]) {
  const groups = run
    ? [[run, batch as Decision[]] as [string, Decision[]]]
    : (batch as [string, Decision[]][]);
  const done: string[] = [];
  const notes: string[] = [];
  for (const [runId, decisions] of groups) {
    const res = await c.get("api")<{ run?: { status: string } | null; pending?: string[]; resume?: string }>(
      "POST",
      `/v1/runs/${runId}/approval`,
      { decisions },
    );
    if (!res.ok) return answer(c, done, res.error, notes);
    done.push(...decisions.map((d) => d.draft_id));
    const verb = (d: Decision) =>
      d.decision === "reject" ? "rejected" : d.decision === "edit" ? "edited and approved" : "approved";
    const { resume, pending } = res.data;
    const then =
      resume === "queued"
        ? "every draft of the run is decided: the run resumes"
        : resume === "waiting"
          ? `the run still waits on ${pending?.length ?? "other"} draft(s)`
          : `the run is ${res.data.run?.status ?? "not waiting"}`;
    notes.push(`${decisions.length} draft(s) ${verb(decisions[0]!)} (run ${runId.slice(0, 8)}: ${then})`);
  }
  return answer(c, done, null, notes);
}

/**
 * htmx: decided drafts are removed (out-of-band), the error (if any) lands beside the control.
 * Without JavaScript: back to the inbox with a notice.
 */
function answer(
  c: Ctx,
  decided: string[],
  error: { code: string; message: string } | null,
  notes: string[] = [],
) {
  if (!c.req.header("hx-request")) {
    const notice = [...notes, ...(error ? [error.message] : [])].join("; ");
    return c.redirect(`/inbox${notice ? `?notice=${encodeURIComponent(notice)}` : ""}`, 303);
  }
  return c.html(
    <>
      <ApiErrorNote error={error} />
      {decided.map((id) => (
        <div id={`draft-${id}`} hx-swap-oob="delete"></div>
      ))}
      {notes.length > 0 && (
        <div id="inbox-status" role="status" aria-live="polite" hx-swap-oob="true">
          <p class="notice">{notes.join("; ")}</p>
        </div>
      )}
    </>,
  );
}
