import type { Prediction } from "./classifier/index.ts";
import { detectLanguage, type LanguageGuess } from "./language.ts";
import type { SupportPolicy } from "./policy.ts";
import { decidePriority, type PriorityGuess } from "./priority.ts";
import { detectSentiment, SENTIMENT_VERSION, type SentimentGuess } from "./sentiment.ts";
import type { LoadedTriageModel } from "./triage-model.ts";

/** What triage decides for one ticket; every label with its confidence. */
export interface Triage {
  ticketId: string;
  intent: { value: string; confidence: number; alternatives: { label: string; probability: number }[] };
  priority: PriorityGuess;
  sentiment: SentimentGuess;
  language: LanguageGuess;
  queue: { value: string; confidence: number; basis: string };
  /** Provenance: the triage model version and the rules' versions. */
  modelVersion: string;
}

/** The text triage reads: subject and body, as the classifier was trained on. */
export const ticketText = (t: { subject: string | null; body: string }) =>
  t.subject ? `${t.subject}\n${t.body}` : t.body;

/**
 * Triage of one ticket. Intent from the tenant's classifier (its top class and calibrated
 * probability); without a trained model the intent is `unknown` at confidence 0, which is below
 * any threshold, so the agent escalates instead of guessing. Queue: the queue the predicted intent
 * went to most often in the history (confidence = intent confidence × that share), else the
 * ticket's own queue, else the policy's default.
 */
export function triageTicket(
  t: {
    id: string;
    subject: string | null;
    body: string;
    language: string | null;
    priority: string | null;
    queue: string | null;
  },
  model: LoadedTriageModel | null,
  policy: SupportPolicy,
): Triage {
  const text = ticketText(t);
  const language = detectLanguage(text, t.language);
  const sentiment = detectSentiment(text, language.value);
  const intentPrediction: Prediction | null = model ? model.intent.predict(text, 3) : null;
  const intent = intentPrediction
    ? {
        value: intentPrediction.label,
        confidence: round(intentPrediction.confidence),
        alternatives: intentPrediction.top
          .slice(1)
          .map((c) => ({ label: c.label, probability: round(c.probability) })),
      }
    : { value: "unknown", confidence: 0, alternatives: [] };
  const priority = decidePriority(text, model?.priority?.predict(text, 2) ?? null, t.priority, sentiment);
  const learned = model?.queueByIntent[intent.value];
  const queue = learned
    ? {
        value: learned.queue,
        confidence: round(intent.confidence * learned.share),
        basis: `intent ${intent.value} went to ${learned.queue} in ${Math.round(learned.share * 100)}% of ${learned.count} recorded tickets`,
      }
    : t.queue
      ? { value: t.queue, confidence: 0.5, basis: "the ticket's recorded queue" }
      : { value: policy.routing.defaultQueue, confidence: 0.2, basis: "the default queue" };
  return {
    ticketId: t.id,
    intent,
    priority,
    sentiment,
    language,
    queue,
    modelVersion: `${model?.version ?? "no-intent-model"}+${SENTIMENT_VERSION}+tinyld`,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
