import type { DraftPlan } from "./outreach.ts";
import type { DraftText } from "./prompts.ts";

const factAbout = (plan: DraftPlan, prefix: string) => plan.facts.find((f) => f.fact.startsWith(prefix));
const quoted = (text: string) => /"[^"]+"/.exec(text)?.[0];
const dateIn = (text: string) => /\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? "recently";

/**
 * The offline draft: fixed sentences, each filled from one fact of the plan, so every claim in
 * the text has the evidence id of the fact it came from (and the draft cites exactly those).
 */
export function offlineDraft(plan: DraftPlan): DraftText {
  const used: string[] = [];
  const say = (prefix: string, sentence: (fact: string) => string): string | null => {
    const f = factAbout(plan, prefix);
    if (!f) return null;
    used.push(f.evidence_id);
    return sentence(f.fact);
  };
  const sender = plan.sender ?? "The account team";
  const lines =
    plan.template === "hot_lead"
      ? [
          say("requested a demo", (f) => `thank you for requesting a demo on ${dateIn(f)}.`) ??
            say(
              "viewed the pricing page",
              (f) => `thank you for looking into our plans and pricing on ${dateIn(f)}.`,
            ) ??
            say("latest interaction", (f) => `thank you for getting in touch on ${dateIn(f)}.`) ??
            say(
              "works as",
              () => `thank you for your interest${plan.company ? ` on behalf of ${plan.company}` : ""}.`,
            ),
          `Would 20 minutes this week suit you to go through what would fit ${plan.company ?? "your team"}?`,
          "I can bring pricing for a team of your size.",
        ]
      : [
          say(
            "deal ",
            (f) =>
              `I wanted to check in on ${quoted(f) ?? "our proposal"}: it has been a while since we last moved it forward.`,
          ),
          say("last ", (f) => `Our last exchange was on ${dateIn(f)}.`),
          say(
            "agreed next step",
            (f) => `Is ${quoted(f) ?? "our next step"} still the right next step for you?`,
          ) ?? "What would be the right next step on your side?",
          "If priorities have changed, I am happy to adjust the plan.",
        ];
  const [first, ...rest] = lines.filter((l): l is string => l !== null);
  const opening = first ? first.charAt(0).toUpperCase() + first.slice(1) : "";
  const body = [
    `Hi ${plan.recipient.firstName},`,
    "",
    [opening, ...rest].join(" "),
    "",
    "Best regards,",
    sender,
  ].join("\n");
  const subject =
    plan.template === "hot_lead"
      ? `A quick call${plan.company ? ` about ${plan.company}` : ""}?`
      : `Next steps${plan.company ? ` with ${plan.company}` : ""}`;
  return {
    subject,
    body,
    evidence_ids: [...new Set(used.length > 0 ? used : plan.facts.map((f) => f.evidence_id))],
  };
}
