import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { AudienceMember } from "./audience.ts";
import type { RfmSegment } from "./goals.ts";
import type { PlannedAudience } from "./plan.ts";
import {
  ctaOf,
  fill,
  PLACEHOLDERS,
  usedPlaceholders,
  type MessageTemplate,
  type Placeholder,
} from "./templates.ts";
import { VARIANT_ANGLES, type Variant } from "./variants.ts";

/** The opening line a template's {segment_note} becomes, by the account's RFM group. */
export const SEGMENT_NOTES: Record<RfmSegment, string> = {
  champions: "Thank you for being one of our most engaged customers. ",
  loyal: "Thank you for working with us over the past year. ",
  promising: "It has been good to see your team getting started with us. ",
  needs_attention: "We want to make sure you are getting what you need from us. ",
  at_risk: "It has been a while since we last heard from your team. ",
  hibernating: "It has been some time since we were last in touch. ",
};

const ENGAGEMENT_WORDS: Record<string, string> = {
  meeting: "our meeting",
  web_visit: "your visit to our website",
  pricing_page_view: "your visit to our pricing page",
  demo_request: "your demo request",
  form_fill: "the form you filled in",
  email: "your email",
  call: "our call",
};

/** A draft for one member: text filled from its facts, and the evidence ids of the facts used. */
export interface MemberDraft {
  subject: string;
  body: string;
  evidence_ids: string[];
}

const KIND_TOPICS: Record<string, string> = {
  email: "a few updates we think you will find useful",
  webinar: "a webinar",
  event: "an event",
  content: "a new guide",
  ads: "what is new",
};

/** The topic a campaign's messages are about: the goal's, else a neutral one for its kind. */
export const topicOf = (a: PlannedAudience): string =>
  a.goal.topic ?? KIND_TOPICS[a.spec.campaign_kind] ?? KIND_TOPICS.email!;

/**
 * Fills an audience's template for one member. Each placeholder is one CRM fact: first name
 * (contact), company and plan (account), last engagement (the account's latest engagement
 * activity), segment note (the account's stored RFM group). Evidence: the contact always, the
 * account when its facts are used, the activity when {last_engagement} names it.
 */
export function personalise(
  template: MessageTemplate,
  audience: PlannedAudience,
  m: AudienceMember,
): MemberDraft {
  const c = m.contact;
  const rfm = c.account.segments.find((s) => s.startsWith("rfm:"))?.slice(4) as RfmSegment | undefined;
  const f = c.facts;
  const engaged = f.last_engagement_at
    ? `${ENGAGEMENT_WORDS[f.last_engagement_kind ?? ""] ?? "we were last in touch"} on ${f.last_engagement_at.slice(0, 10)}`
    : "we were last in touch";
  const values: Record<Placeholder, string> = {
    first_name: c.first_name ?? "there",
    company: c.account.name,
    plan: c.account.plan ?? "current",
    last_engagement: engaged,
    segment_note: rfm ? SEGMENT_NOTES[rfm] : "",
    topic: topicOf(audience),
    cta: ctaOf(audience.spec.campaign_kind),
  };
  const used = usedPlaceholders(template);
  const evidence = [`contact:${c.contact_id}`];
  if (used.has("company") || used.has("plan") || (used.has("segment_note") && rfm))
    evidence.push(`account:${c.account.id}`);
  if (used.has("last_engagement") && f.last_engagement_id) evidence.push(`activity:${f.last_engagement_id}`);
  return { ...fill(template, values), evidence_ids: evidence };
}

/**
 * The messages asking a model for one variant's template. Only aggregate facts of the audience
 * go out (no names, no addresses): personal facts are filled in locally through placeholders.
 */
export function templateMessages(
  audience: PlannedAudience,
  variant: Variant,
  members: AudienceMember[],
): BaseMessage[] {
  const groups = new Map<string, number>();
  for (const m of members)
    for (const s of m.contact.account.segments) groups.set(s, (groups.get(s) ?? 0) + 1);
  return [
    new SystemMessage(
      [
        "You write one marketing email template for a B2B software company's campaign. Answer with JSON only.",
        `Use these placeholders, filled per recipient from CRM facts: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`,
        "{segment_note} is an opening sentence (or nothing) that ends with a space; put it at the start of a line.",
        "Use no other text in braces. State no facts, numbers, prices or promises beyond the placeholders and the brief.",
        `Variant ${variant}: ${VARIANT_ANGLES[variant]}.`,
      ].join("\n"),
    ),
    new HumanMessage(
      JSON.stringify({
        campaign: audience.name,
        kind: audience.spec.campaign_kind,
        topic: topicOf(audience),
        call_to_action: ctaOf(audience.spec.campaign_kind),
        recipients: members.length,
        segments_of_recipients: Object.fromEntries(groups),
      }),
    ),
  ];
}
