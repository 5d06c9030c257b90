import type { DraftContext } from "../../../db/queries/web-inbox.ts";
import { scoreKey } from "../../../db/queries/web-inbox.ts";

/** A draft as GET /v1/approvals lists it. */
export interface InboxDraft {
  id: string;
  status: string;
  channel: string;
  entity_kind: string;
  entity_id: string;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  subject: string | null;
  body: string;
  evidence_ids: string[];
  provider: string;
  agent: string;
  run_id: string | null;
  created_at: string;
}

/** An evidence id as a person reads it. */
export const evidenceLine = (ref: string, ctx: DraftContext) => {
  const usage = /^usage:[^:]+:(\d{4}-\d{2}-\d{2})$/.exec(ref);
  if (usage) return `product usage, period from ${usage[1]}`;
  return ctx.evidence.get(ref) ?? `${ref} (no longer in the book)`;
};

/** One draft waiting for a decision: what it says, to whom, why, and (with `approve`) the decision form. */
export function DraftCard(props: {
  draft: InboxDraft;
  runId: string;
  ctx: DraftContext;
  canApprove: boolean;
  csrf: string;
}) {
  const { draft: d, runId, ctx } = props;
  const who = ctx.recipients.get(d.contact_id ?? d.lead_id ?? "");
  const account = d.account_id ? ctx.accounts.get(d.account_id) : undefined;
  const score =
    ctx.scores.get(scoreKey(runId, d.entity_kind, d.entity_id)) ??
    (d.account_id ? ctx.scores.get(scoreKey(runId, "account", d.account_id)) : undefined);
  const id = d.id;
  return (
    <article class="card draft" id={`draft-${id}`} data-draft={id} aria-labelledby={`subj-${id}`}>
      <div class="row">
        {props.canApprove && (
          <label class="pick">
            select
            <input
              type="checkbox"
              name="ids"
              value={`${runId}:${id}`}
              form="bulk"
              aria-label={`select draft ${d.subject ?? id}`}
            />
          </label>
        )}
        <h2 id={`subj-${id}`}>{d.subject ?? "(no subject)"}</h2>
      </div>
      <p class="meta">
        to{" "}
        <strong>
          {who ? `${who.name}${who.email ? ` <${who.email}>` : ""}` : `${d.entity_kind} ${d.entity_id}`}
        </strong>
        {account && (
          <>
            {" "}
            · account <a href={`/app/accounts/${d.account_id}`}>{account.name}</a> (owner{" "}
            {account.owner_name ?? "none"})
          </>
        )}{" "}
        · {d.channel} · agent {d.agent} · run <a href={`/app/runs/${runId}`}>{runId.slice(0, 8)}</a>
        {score && (
          <>
            {" "}
            · triggered by {score.kind} score <strong>{score.value.toFixed(0)}</strong>
            {score.tier ? ` (${score.tier})` : ""}
          </>
        )}{" "}
        · text by {d.provider}
      </p>
      <details>
        <summary>Facts it cites ({d.evidence_ids.length})</summary>
        <ul class="evidence">
          {d.evidence_ids.map((ref) => (
            <li>{evidenceLine(ref, ctx)}</li>
          ))}
        </ul>
      </details>
      {props.canApprove ? (
        <form
          method="post"
          action={`/app/inbox/decide/${runId}/${id}`}
          hx-post={`/app/inbox/decide/${runId}/${id}`}
          hx-target={`#err-${id}`}
          hx-swap="innerHTML"
        >
          <input type="hidden" name="_csrf" value={props.csrf} />
          <label>
            Subject
            <input name="subject" value={d.subject ?? ""} size={70} />
          </label>
          <label style="display:flex">
            Body
            <textarea name="body">{d.body}</textarea>
          </label>
          <div class="row">
            <button type="submit" name="decision" value="approve" class="primary">
              Approve
            </button>
            <button type="submit" name="decision" value="edit">
              Save edits and approve
            </button>
            <label>
              Reason (for a rejection)
              <input name="note" size={36} />
            </label>
            <button type="submit" name="decision" value="reject" class="danger">
              Reject
            </button>
          </div>
          <div id={`err-${id}`} aria-live="polite"></div>
        </form>
      ) : (
        <pre class="body">{d.body}</pre>
      )}
    </article>
  );
}
