/**
 * Help-centre articles. Each answers the kind of question one ticket category asks (the category
 * is the first tag), so retrieval can be evaluated against the generated tickets. The body is the
 * intro, numbered steps and an optional closing note.
 */
export interface KbArticleText {
  title: string;
  tags: readonly string[];
  intro: string;
  steps: readonly string[];
  note?: string;
}

export const KB_ARTICLES: readonly KbArticleText[] = [
  {
    title: "Reset your password",
    tags: ["login_access", "account"],
    intro: "If you forgot your password or it expired, you can set a new one from the sign-in page.",
    steps: [
      "Open the sign-in page and click Forgot password.",
      "Enter the email address you use for Relay.",
      "Open the link in the email within 30 minutes and choose a new password.",
    ],
    note: "If your company signs in with SSO, your password is managed by your identity provider; contact your IT team instead.",
  },
  {
    title: "Fix an SSO redirect loop",
    tags: ["login_access", "sso"],
    intro:
      "A sign-in that returns to the SSO page usually means the identity provider and Relay disagree about the user's email address or the certificate expired.",
    steps: [
      "In Settings → Security, check that the SAML certificate has not expired.",
      "Confirm that the NameID your identity provider sends is the user's email address.",
      "Ask the user to clear cookies for the Relay domain and sign in again.",
    ],
    note: "Error codes starting with SSO- are listed in the SSO troubleshooting table.",
  },
  {
    title: "Unlock a locked user account",
    tags: ["login_access", "admin"],
    intro:
      "After ten failed sign-in attempts an account is locked for 30 minutes. Admins can unlock it earlier.",
    steps: [
      "Go to Settings → Users.",
      "Find the user and open the actions menu.",
      "Choose Unlock account; the user can sign in immediately.",
    ],
  },
  {
    title: "Understand your invoice",
    tags: ["billing", "invoices"],
    intro: "Invoices list the seats on your plan during the billing period, prorated changes and taxes.",
    steps: [
      "Open Settings → Billing → Invoices.",
      "Click an invoice to see its line items.",
      "Seat changes made during the period appear as separate prorated lines.",
    ],
    note: "A seat reduction takes effect at the next renewal, not on the current invoice.",
  },
  {
    title: "Change your billing contact or address",
    tags: ["billing", "admin"],
    intro: "Invoices are sent to the billing contact on file. Admins can change it at any time.",
    steps: [
      "Go to Settings → Billing → Billing details.",
      "Update the billing email, company address or VAT number.",
      "Save; the next invoice uses the new details.",
    ],
  },
  {
    title: "Request a refund for a duplicate charge",
    tags: ["billing", "payments"],
    intro:
      "If a card was charged twice for the same invoice, we refund the duplicate within five business days.",
    steps: [
      "Note the invoice number and the dates of both charges.",
      "Open a ticket with the Billing queue, or reply to the invoice email.",
      "You will receive a refund confirmation once the payment provider has processed it.",
    ],
  },
  {
    title: "Report a bug effectively",
    tags: ["bug", "support"],
    intro:
      "A good bug report gets fixed faster. Include what you expected, what happened and how to reproduce it.",
    steps: [
      "Write down the steps that lead to the problem.",
      "Take a screenshot that shows any error code.",
      "Open a ticket and include your browser and the time the error happened.",
    ],
  },
  {
    title: "Error codes when saving records",
    tags: ["bug", "records"],
    intro: "Saving can fail when a field exceeds its limit or a required field is empty.",
    steps: [
      "Check the field highlighted in red.",
      "Notes are limited to 32,000 characters; shorten long notes or attach a file instead.",
      "If the error persists, send us the error code shown in the banner.",
    ],
  },
  {
    title: "Why report totals differ from the dashboard",
    tags: ["bug", "reporting"],
    intro: "Reports and dashboards can use different filters, currencies or time zones.",
    steps: [
      "Compare the filters on the report and the dashboard widget.",
      "Check the currency setting under Report options.",
      "Make sure both use the same fiscal period and time zone.",
    ],
  },
  {
    title: "Add custom fields",
    tags: ["feature_request", "customization"],
    intro:
      "Custom fields let you store information specific to your business on accounts, contacts, leads and deals.",
    steps: [
      "Go to Settings → Data model.",
      "Choose the object and click New field.",
      "Pick a type (text, number, date, picklist) and add it to page layouts.",
    ],
  },
  {
    title: "Bulk edit records",
    tags: ["feature_request", "productivity"],
    intro: "You can update up to 500 records at once from any list view.",
    steps: [
      "Open a list view and select records with the checkboxes.",
      "Click Bulk edit.",
      "Choose the field and the new value, then confirm.",
    ],
  },
  {
    title: "Connect Salesforce",
    tags: ["integration", "salesforce"],
    intro: "The Salesforce integration syncs accounts, contacts and opportunities every 15 minutes.",
    steps: [
      "Go to Settings → Integrations → Salesforce.",
      "Sign in with a Salesforce user that has API access.",
      "Choose which objects to sync and start the first sync.",
    ],
    note: "If the sync stops, reconnect the integration: a changed Salesforce password revokes the token.",
  },
  {
    title: "API rate limits",
    tags: ["integration", "api"],
    intro:
      "The public API allows 600 requests per minute per workspace, with bursts up to 100 requests per second.",
    steps: [
      "Read the X-RateLimit-Remaining header on every response.",
      "On a 429 response, wait for the number of seconds in Retry-After.",
      "Use bulk endpoints to write many records in one request.",
    ],
  },
  {
    title: "Troubleshoot a failing integration",
    tags: ["integration", "troubleshooting"],
    intro: "Most integration failures come from expired credentials or changed field mappings.",
    steps: [
      "Open Settings → Integrations and check the status and last error.",
      "Reconnect the integration if the error mentions authentication.",
      "Review field mappings if the error mentions a missing field.",
    ],
  },
  {
    title: "Speed up slow dashboards",
    tags: ["performance", "reporting"],
    intro: "Dashboards with many widgets over large date ranges can load slowly.",
    steps: [
      "Limit widgets to the date range you need.",
      "Use saved filters instead of ad-hoc filters on large lists.",
      "Check status.relay.example for ongoing incidents in your region.",
    ],
  },
  {
    title: "Check service status",
    tags: ["performance", "incidents"],
    intro: "Our status page shows current incidents and scheduled maintenance per region.",
    steps: [
      "Visit the status page.",
      "Subscribe to updates by email or webhook.",
      "Include the incident number in any related ticket.",
    ],
  },
  {
    title: "Import contacts from a CSV file",
    tags: ["data_import", "contacts"],
    intro: "You can import up to 50,000 contacts per file.",
    steps: [
      "Go to Contacts → Import.",
      "Upload a UTF-8 CSV file with a header row.",
      "Map each column to a field and review the preview before importing.",
    ],
    note: "Rows without an email or a name are skipped; download the import log to see which rows and why.",
  },
  {
    title: "Merge duplicate records",
    tags: ["data_import", "data_quality"],
    intro:
      "Duplicates can appear after imports or integrations. Merging keeps one record and moves related activity to it.",
    steps: [
      "Open Contacts → Duplicates.",
      "Review each suggested pair.",
      "Choose the record to keep and click Merge.",
    ],
  },
  {
    title: "Set up territories and lead routing",
    tags: ["how_to", "routing"],
    intro: "Territories assign new leads and accounts to the right reps automatically.",
    steps: [
      "Go to Settings → Territories and create territories by country or region.",
      "Assign reps to each territory.",
      "Turn on Route new leads by territory.",
    ],
  },
  {
    title: "Add and remove users",
    tags: ["how_to", "admin"],
    intro: "Admins manage users and seats from the Users page.",
    steps: [
      "Go to Settings → Users and click Invite user.",
      "Enter the email address and choose a role.",
      "To free a seat, deactivate a user; their records stay in place.",
    ],
  },
  {
    title: "Schedule a report by email",
    tags: ["how_to", "reporting"],
    intro: "Any saved report can be emailed on a schedule.",
    steps: [
      "Open the report and click Schedule.",
      "Choose recipients, frequency and format (PDF or CSV).",
      "Save; recipients get the first email at the next scheduled time.",
    ],
  },
  {
    title: "Change seats at renewal",
    tags: ["cancellation", "billing"],
    intro: "You can add seats at any time; reductions take effect at your next renewal date.",
    steps: [
      "Go to Settings → Billing → Plan.",
      "Click Change seats and enter the new number.",
      "Reductions are scheduled for the renewal date shown on the page.",
    ],
  },
  {
    title: "Cancel your subscription",
    tags: ["cancellation", "account"],
    intro: "Subscriptions can be cancelled at the end of the current term.",
    steps: [
      "Go to Settings → Billing → Plan and click Cancel subscription.",
      "Tell us why you are leaving; it helps us improve.",
      "Export your data before the end of the term from Settings → Data export.",
    ],
  },
  {
    title: "Export all your data",
    tags: ["how_to", "data_export"],
    intro: "Admins can export every record and file as CSV at any time.",
    steps: [
      "Go to Settings → Data export.",
      "Choose the objects to include.",
      "You will receive a download link by email when the export is ready.",
    ],
  },
];
