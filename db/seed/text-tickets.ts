import type { TextTemplate } from "./template.ts";

/**
 * Support ticket text in English, per category, in a neutral and a frustrated tone. Slots:
 * {first} the contact's first name, {feature}, {seats}, {code} an error code, {invoice} a number.
 * Other languages are in text-tickets-intl.ts.
 */

export interface TicketCategory {
  name: string;
  queue: string;
  /** Relative frequency. */
  weight: number;
  neutral: readonly TextTemplate[];
  frustrated: readonly TextTemplate[];
}

export const TICKET_CATEGORIES: readonly TicketCategory[] = [
  {
    name: "login_access",
    queue: "technical",
    weight: 14,
    neutral: [
      {
        subject: "Cannot log in after password reset",
        body: "Hi, I reset my password this morning but the login page still says the credentials are invalid. Could you check my account? Thanks, {first}",
      },
      {
        subject: "SSO login loop",
        body: "Since yesterday our users are redirected back to the SSO page after signing in. Error {code}. Can someone take a look?",
      },
    ],
    frustrated: [
      {
        subject: "URGENT: whole team locked out",
        body: "Nobody on my team can log in since this morning and we have customer calls all day. This is the second time this month. We need this fixed now.",
      },
    ],
  },
  {
    name: "billing",
    queue: "billing",
    weight: 12,
    neutral: [
      {
        subject: "Question about invoice {invoice}",
        body: "Hello, invoice {invoice} lists {seats} seats but we reduced our seat count last month. Could you check and send a corrected invoice? Regards, {first}",
      },
      {
        subject: "Update billing contact",
        body: "Please send future invoices to our accounts payable address instead of mine. Thank you!",
      },
    ],
    frustrated: [
      {
        subject: "Charged twice AGAIN",
        body: "We were charged twice for invoice {invoice}. I reported the same problem two months ago. Please refund the duplicate charge immediately and explain how this keeps happening.",
      },
    ],
  },
  {
    name: "bug",
    queue: "technical",
    weight: 16,
    neutral: [
      {
        subject: "Report export shows wrong totals",
        body: "When I export the pipeline report to CSV the totals differ from what the dashboard shows. Steps: open Reports, filter by quarter, export. Screenshot attached.",
      },
      {
        subject: "Error {code} when saving a record",
        body: "Saving a contact with a long note fails with error {code}. Shorter notes save fine. Could you look into it?",
      },
    ],
    frustrated: [
      {
        subject: "Data lost after your update",
        body: "After last night's release several of our records are missing fields we entered last week. This is unacceptable, we rely on this data for our renewals. What happened?",
      },
    ],
  },
  {
    name: "feature_request",
    queue: "general",
    weight: 8,
    neutral: [
      {
        subject: "Feature request: custom fields in {feature}",
        body: "It would help us a lot if {feature} supported custom fields. Is this on the roadmap? Best, {first}",
      },
      {
        subject: "Bulk edit for tasks",
        body: "Our managers would like to reassign many tasks at once. Is there a way to bulk edit today?",
      },
    ],
    frustrated: [
      {
        subject: "Still no answer on the feature we were promised",
        body: "During the sales process we were told {feature} would support our workflow by now. It still does not, and our team is doing the work by hand.",
      },
    ],
  },
  {
    name: "integration",
    queue: "technical",
    weight: 12,
    neutral: [
      {
        subject: "Salesforce sync stopped",
        body: "The Salesforce sync has not run since Monday. The integration page shows error {code}. Nothing changed on our side as far as I know.",
      },
      {
        subject: "API rate limits",
        body: "We are building an integration with the public API and hit the rate limit at around 600 requests per minute. What are the documented limits?",
      },
    ],
    frustrated: [
      {
        subject: "Integration broken for a week",
        body: "Our integration has been failing for a week with error {code} and nobody has replied to my previous ticket. Our sales team is working with stale data.",
      },
    ],
  },
  {
    name: "performance",
    queue: "technical",
    weight: 8,
    neutral: [
      {
        subject: "Dashboard slow to load",
        body: "The main dashboard takes about 20 seconds to load for users in our Sydney office. Other pages are fine.",
      },
    ],
    frustrated: [
      {
        subject: "Application unusable today",
        body: "Every page takes over a minute to load. My team cannot work. Is there an outage? Please respond quickly.",
      },
    ],
  },
  {
    name: "data_import",
    queue: "technical",
    weight: 8,
    neutral: [
      {
        subject: "CSV import skips rows",
        body: "I imported 2,000 contacts from a CSV file and only 1,850 appear. The import log does not say why the other rows were skipped.",
      },
      {
        subject: "Duplicate contacts after import",
        body: "After importing our event list we now have duplicates for many existing contacts. Is there a merge tool?",
      },
    ],
    frustrated: [
      {
        subject: "Import created a mess",
        body: "Your import tool created hundreds of duplicates in our database. Cleaning this up by hand will take days. How do we undo this?",
      },
    ],
  },
  {
    name: "how_to",
    queue: "general",
    weight: 14,
    neutral: [
      {
        subject: "How do I set up territories?",
        body: "Hi, we want to route new leads to reps by territory. Where do I configure that? Thanks, {first}",
      },
      {
        subject: "Adding a new user",
        body: "How can I add a new colleague to our workspace? We have {seats} seats on our plan.",
      },
      {
        subject: "Scheduling reports by email",
        body: "Is it possible to email the weekly pipeline report to our leadership automatically?",
      },
    ],
    frustrated: [
      {
        subject: "Documentation does not help",
        body: "I followed the help article three times and it still does not work. The screenshots do not match the current product. Can someone just call me?",
      },
    ],
  },
  {
    name: "cancellation",
    queue: "account",
    weight: 4,
    neutral: [
      {
        subject: "Reducing our seats",
        body: "We would like to reduce our plan from {seats} seats at the next renewal. What is the process?",
      },
    ],
    frustrated: [
      {
        subject: "Cancel our subscription",
        body: "Please send us the steps to cancel our subscription at the end of the term. The product has not worked out for us.",
      },
    ],
  },
];

export const TICKET_CHANNELS = ["email", "chat", "web", "phone", "social"] as const;
export const TICKET_CHANNEL_WEIGHTS = [40, 25, 20, 10, 5];

/** SLA targets in minutes (first response, resolution) by priority. */
export const SLA_MINUTES: Record<string, [number, number]> = {
  critical: [60, 480],
  high: [240, 1440],
  medium: [480, 2880],
  low: [1440, 5760],
};
