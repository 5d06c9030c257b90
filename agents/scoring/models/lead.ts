import type { FeatureSpecInput } from "../features/spec.ts";
import type { ModelDefinition } from "./definition.ts";

const categorical = (key: string, label: string): FeatureSpecInput => ({ kind: "categorical", key, label });
const flag = (key: string, label: string): FeatureSpecInput => ({ kind: "boolean", key, label });

/** Features known when a lead arrives: source, form answers and web engagement. */
const PRE_CONTACT: FeatureSpecInput[] = [
  categorical("source", "lead source"),
  categorical("country", "country"),
  categorical("fields.lead_origin", "lead origin"),
  categorical("fields.specialization", "specialization"),
  categorical("fields.what_is_your_current_occupation", "occupation"),
  categorical("fields.what_matters_most_to_you_in_choosing_a_course", "what matters most"),
  categorical("fields.how_did_you_hear_about_x_education", "heard about us via"),
  categorical("fields.city", "city"),
  flag("fields.do_not_email", "do not email"),
  flag("fields.do_not_call", "do not call"),
  flag("fields.free_copy_of_interview_guide", "asked for the free interview guide"),
  flag("fields.search", "came from a search ad"),
  flag("fields.through_recommendations", "came through a recommendation"),
  {
    kind: "numeric",
    key: "fields.total_visits",
    label: "visits",
    transform: "log1p",
    missingIndicator: true,
  },
  {
    kind: "numeric",
    key: "fields.time_on_website_seconds",
    label: "time on website (s)",
    transform: "log1p",
    bins: 6,
  },
  {
    kind: "numeric",
    key: "fields.page_views_per_visit",
    label: "page views per visit",
    transform: "log1p",
    missingIndicator: true,
  },
];

/**
 * Lead conversion: P(outcome `converted`) from what is known before sales contacts the lead.
 * The import mapping already drops the columns sales fills in after contact (Tags, Lead
 * Quality, …). `fields.last_activity` is kept in the store but left out here: it is the lead's
 * *latest* event when the file was exported, and its commonest values are sales actions or
 * their results ("SMS Sent": 63 % convert, "Had a Phone Conversation", "Unreachable"), so in
 * training it carries part of the outcome that a lead being scored today cannot have yet.
 */
export const LEAD_MODEL: ModelDefinition = {
  name: "lead-conversion",
  entity: "lead",
  outcome: "converted",
  features: PRE_CONTACT,
};

/**
 * LEAD_MODEL plus `fields.last_activity`, for comparison in evals (see LEAD_MODEL for why it
 * is not the default).
 */
export const LEAD_MODEL_WITH_LAST_ACTIVITY: ModelDefinition = {
  name: "lead-conversion-last-activity",
  entity: "lead",
  outcome: "converted",
  features: [...PRE_CONTACT, categorical("fields.last_activity", "last activity")],
};
