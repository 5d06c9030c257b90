import { pushActivity, textSlots } from "./activities.ts";
import { emailable } from "./contacts.ts";
import type { AccountState, BlockContext } from "./context.ts";
import type { DealRow, DealStageRow } from "./rows.ts";
import { render } from "./template.ts";
import { CALLS, DEAL_EMAILS, MEETINGS } from "./text-activities.ts";

/** Meetings, emails and calls with the deal's people during each stage (fewer when stalled). */
export function dealActivities(
  ctx: BlockContext,
  a: AccountState,
  deal: DealRow,
  history: DealStageRow[],
  contacts: AccountState["contacts"],
  stalled: boolean,
): void {
  const { rng } = ctx;
  let seq = 0;
  for (const h of history) {
    if (h.stage.startsWith("closed_")) continue;
    const from = h.entered_at.getTime();
    const to = (h.exited_at ?? ctx.plan.asOf).getTime();
    const n = rng.poisson(stalled ? 0.8 : 1.3);
    for (let k = 0; k < n; k++) {
      const contact = rng.pick(contacts);
      const at = new Date(from + rng.float() * (to - from));
      let kind = rng.weighted(["email", "meeting", "call"] as const, [40, 35, 25]);
      if (kind === "email" && !emailable(contact, at)) kind = "call";
      const text = render(
        rng,
        kind === "email" ? DEAL_EMAILS : kind === "meeting" ? MEETINGS : CALLS,
        textSlots(ctx, a, contact, a.rep.name),
      );
      pushActivity(ctx, deal.external_id, ++seq, {
        kind,
        direction: "outbound",
        subject: text.subject,
        body: text.body,
        occurred_at: at,
        account_id: a.row.id,
        contact_id: contact.id,
        lead_id: null,
        deal_id: deal.id,
        user_id: a.rep.id,
        metadata: { stage: h.stage },
      });
    }
  }
}
