import { z } from "zod";
import type { Variant } from "./variants.ts";

/** Names the offline templates in provenance labels (`offline:marketing-templates-v1`). */
export const TEMPLATES_VERSION = "marketing-templates-v1";

/** The placeholders a template may use; each is filled from one CRM fact of the recipient. */
export const PLACEHOLDERS = [
  "first_name",
  "company",
  "plan",
  "last_engagement",
  "segment_note",
  "topic",
  "cta",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** A message template for one audience and variant: what the model (or the offline writer) returns. */
export const templateSchema = z.object({
  subject: z.string().min(1).max(160).describe("Subject line; may use the placeholders."),
  body: z.string().min(1).max(3000).describe("Email body; may use the placeholders, nothing else in braces."),
});
export type MessageTemplate = z.infer<typeof templateSchema>;

const CTA: Record<string, string> = {
  email: "Would a short call next week help? Just reply to this email.",
  webinar: "Reply and we will send you an invitation to the webinar.",
  event: "Reply and we will hold a place for you at the event.",
  content: "Reply and we will send you the guide.",
  ads: "Reply if you would like to see it in action.",
};

/** The call to action of a campaign kind. */
export const ctaOf = (kind: string): string => CTA[kind] ?? CTA.email!;

/** The offline template of a variant: A leads with the benefit, B asks a question. */
export function offlineTemplate(variant: Variant): MessageTemplate {
  return variant === "A"
    ? {
        subject: "{company}: {topic}",
        body: [
          "Hi {first_name},",
          "",
          "{segment_note}We have put together {topic} for teams like {company} on the {plan} plan.",
          "{cta}",
          "",
          "Best regards",
        ].join("\n"),
      }
    : {
        subject: "{first_name}, is {topic} on your list?",
        body: [
          "Hi {first_name},",
          "",
          "{segment_note}Since {last_engagement}, we have been working on {topic}.",
          "Is that something {company} is looking at right now? {cta}",
          "",
          "Thanks",
        ].join("\n"),
      };
}

/** Placeholders in a text that are not on the list (a template using one is rejected). */
export function unknownPlaceholders(t: MessageTemplate): string[] {
  const used = [...`${t.subject}\n${t.body}`.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p)))];
}

/** The placeholders a template uses. */
export function usedPlaceholders(t: MessageTemplate): Set<Placeholder> {
  const text = `${t.subject}\n${t.body}`;
  return new Set(PLACEHOLDERS.filter((p) => text.includes(`{${p}}`)));
}

/** Fills a template; every placeholder gets a value (fact or neutral wording). */
export function fill(t: MessageTemplate, values: Record<Placeholder, string>): MessageTemplate {
  const sub = (s: string) =>
    s.replace(/\{([a-z_]+)\}/g, (whole, p: string) => values[p as Placeholder] ?? whole);
  return { subject: sub(t.subject).slice(0, 300), body: sub(t.body) };
}
