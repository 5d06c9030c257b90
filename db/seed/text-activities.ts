import type { TextTemplate } from "./template.ts";

/**
 * Text of sales and customer-success activities. Slots: {first} the contact's first name, {rep}
 * the user's first name, {company}, {product}, {pain}, {goal}, {seats}, {next}, {feature}.
 */

export const PRODUCT = "Relay";

export const PAINS = [
  "manual data entry across spreadsheets",
  "slow first responses on support tickets",
  "no single view of the pipeline",
  "renewals surfacing too late to act",
  "reps spending Fridays on forecast updates",
  "leads going cold before anyone calls them",
  "duplicate records after every import",
];

export const GOALS = [
  "consolidate our CRM and help desk",
  "cut ticket response times in half",
  "give managers a reliable forecast",
  "automate lead routing by territory",
  "reduce churn in our mid-market book",
];

export const FEATURES = ["reporting", "workflow automations", "the Salesforce sync", "the public API", "SSO"];

export const PROSPECTING_EMAILS: readonly TextTemplate[] = [
  {
    subject: "{company} and {product}: a quick question",
    body: "Hi {first},\n\nTeams like yours often tell us about {pain}. {product} helps them fix that without a long project. Would a 20-minute call next week be useful?\n\nBest,\n{rep}",
  },
  {
    subject: "Idea for {company}",
    body: "Hi {first},\n\nI noticed {company} is growing its customer team. We helped a similar company {goal} in one quarter. Happy to share how if it is on your list this year.\n\n{rep}",
  },
  {
    subject: "Following up: {product} for {company}",
    body: "Hi {first},\n\nJust bringing this back to the top of your inbox. If {pain} is not a priority right now, let me know and I will check back later in the year.\n\nThanks,\n{rep}",
  },
];

export const DEAL_EMAILS: readonly TextTemplate[] = [
  {
    subject: "Proposal for {company}",
    body: "Hi {first},\n\nAttached is the proposal for {seats} seats as discussed, including onboarding and {feature}. Pricing is valid until the end of the month. Next step on our side: {next}.\n\nBest,\n{rep}",
  },
  {
    subject: "Recap of today's call",
    body: "Hi {first},\n\nThanks for the time today. My notes: the main goal is to {goal}; the blocker today is {pain}. Next step: {next}. Let me know if I missed anything.\n\n{rep}",
  },
  {
    subject: "Security questionnaire for {company}",
    body: "Hi {first},\n\nI have filled in your security questionnaire and attached our SOC 2 report. Our security lead is available for a call if your IT team has questions.\n\nBest,\n{rep}",
  },
];

export const CUSTOMER_EMAILS: readonly TextTemplate[] = [
  {
    subject: "Checking in on {product} at {company}",
    body: "Hi {first},\n\nHow is the team finding {feature} so far? I can set up a short session to walk through what other customers automate first.\n\nBest,\n{rep}",
  },
  {
    subject: "Your quarterly business review",
    body: "Hi {first},\n\nIt is time for our quarterly review. I will bring usage trends for your {seats} seats and a few ideas to {goal}. Does next Tuesday or Wednesday work?\n\n{rep}",
  },
  {
    subject: "Renewal coming up for {company}",
    body: "Hi {first},\n\nYour subscription renews in a few months. Before then I would like to review seat usage with you and make sure the plan still fits.\n\nThanks,\n{rep}",
  },
];

export const INBOUND_REPLIES: readonly TextTemplate[] = [
  {
    subject: "Re: {company}",
    body: "Hi {rep},\n\nThanks, Thursday afternoon works for us. I will bring our ops lead.\n\n{first}",
  },
  {
    subject: "Re: {product}",
    body: "Hi {rep},\n\nGood timing, we are looking at this now. Can you send pricing for about {seats} users?\n\n{first}",
  },
  {
    subject: "Re: question about {feature}",
    body: "Hi {rep},\n\nQuick question before we go further: does {feature} work with our current setup? Our IT team will ask.\n\n{first}",
  },
];

/** Replies that signal risk: budget, priorities, a competitor. */
export const RISKY_REPLIES: readonly TextTemplate[] = [
  {
    subject: "Re: {product}",
    body: "Hi {rep},\n\nWe are reviewing all software spend this quarter, so I cannot commit to anything right now.\n\n{first}",
  },
  {
    subject: "Re: renewal",
    body: "Hi {rep},\n\nHonestly the team has not adopted it the way we hoped. We are also looking at other options before the renewal.\n\n{first}",
  },
];

export const CALLS: readonly TextTemplate[] = [
  {
    subject: "Discovery call with {first}",
    body: "Discussed their current process: {pain}. Goal is to {goal}. Agreed next step: {next}.",
  },
  { subject: "Call with {first}", body: "Left voicemail, will try again on Thursday." },
  {
    subject: "Check-in call with {first}",
    body: "Walked through {feature}. {first} asked about adding seats for another team. Follow up with a quote.",
  },
];

export const MEETINGS: readonly TextTemplate[] = [
  {
    subject: "{product} demo for {company}",
    body: "Demo for {first} and two colleagues. Strong interest in {feature}; concern about {pain}. Next: {next}.",
  },
  {
    subject: "Quarterly business review: {company}",
    body: "Reviewed adoption across {seats} seats, open tickets and the roadmap. Customer wants to {goal}.",
  },
  {
    subject: "Onboarding workshop: {company}",
    body: "Configured pipelines and imported contacts with {first}. Training for the wider team next week.",
  },
];

/** Notes a healthy relationship leaves behind. */
export const GOOD_NOTES = [
  "{first} is an active champion and presented {product} results to their leadership.",
  "Expansion opportunity: another department asked about {feature}.",
  "Customer shared a case study draft; very happy with {feature}.",
];

/** Notes that a weak relationship leaves behind: the text itself carries the risk. */
export const RISK_NOTES = [
  "Champion {first} has left the company; no replacement named yet.",
  "Budget freeze announced; {first} expects cuts to tooling next quarter.",
  "Customer mentioned evaluating a competitor because of {pain}.",
  "No response to the last three emails; usage owner unclear.",
];

export const NEXT_STEPS = [
  "send revised proposal",
  "security review with IT",
  "schedule a call with the economic buyer",
  "run a pilot with the support team",
  "legal review of the order form",
  "confirm seat count with finance",
  "book the technical deep dive",
];

export const WEB_PAGES = [
  { url: "/", title: "Home" },
  { url: "/product/automations", title: "Workflow automations" },
  { url: "/customers", title: "Customer stories" },
  { url: "/blog/reduce-churn", title: "Blog: Five signals of churn risk" },
  { url: "/integrations", title: "Integrations" },
  { url: "/security", title: "Security and compliance" },
  { url: "/docs/api", title: "API documentation" },
];

export const FORMS = [
  "Download: State of Customer Success report",
  "Contact sales",
  "ROI calculator",
  "Newsletter sign-up",
  "Webinar registration",
];

export const DEMO_REQUESTS = [
  "We are evaluating tools to {goal}. Team of about {seats} people. Could we see a demo this month?",
  "Looking for a demo focused on {feature}. Our current pain point is {pain}.",
];
