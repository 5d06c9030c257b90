import { describe, expect, it } from "vitest";
import { parseSupportPolicy } from "./policy.ts";
import { triageTicket } from "./triage.ts";
import {
  loadTriageModel,
  trainingBlocker,
  trainTriageModel,
  type LabelledTicketRow,
} from "./triage-model.ts";

const policy = parseSupportPolicy({});
const TEXTS: Record<string, [string, string][]> = {
  login_access: [
    ["technical", "I cannot log in after resetting my password"],
    ["technical", "The login page rejects my password"],
    ["technical", "Password reset link does not arrive, cannot sign in"],
    ["technical", "Locked out of my login after wrong passwords"],
  ],
  billing: [
    ["billing", "Please change the billing contact on our invoices"],
    ["billing", "We were charged twice on the last invoice"],
    ["billing", "The invoice address is wrong, please update billing"],
    ["finance", "Send the invoice to our finance team"],
  ],
};
const rows: LabelledTicketRow[] = Object.entries(TEXTS).flatMap(([category, texts]) =>
  texts.map(([queue, text], i) => ({
    key: `${category}-${i}`,
    text,
    category,
    priority: i % 2 ? "high" : "low",
    queue,
  })),
);
const ticket = {
  id: "t1",
  subject: null,
  body: "My password reset did not help, I still cannot log in",
  language: null,
  priority: null,
  queue: null,
};

describe("triage", () => {
  it("trains a deterministic bundle with queues by intent, or says why it cannot", () => {
    // the one billing row among the first five is too rare to keep (3-fold cross-validation)
    expect(trainingBlocker(rows.slice(0, 5), 30)).toBe(
      "4 labelled tickets with an intent in classes of ≥ 3 (need 30)",
    );
    expect(trainingBlocker(rows.slice(0, 4), 4)).toBe("the labelled tickets have fewer than two intents");
    const model = trainTriageModel(rows, "support-triage");
    expect(trainTriageModel([...rows].reverse(), "support-triage").version).toBe(model.version);
    expect(model.queueByIntent).toEqual({
      billing: { queue: "billing", count: 3, share: 0.75 },
      login_access: { queue: "technical", count: 4, share: 1 },
    });
    expect(model.priority?.classes).toEqual(["high", "low"]);
  });

  it("labels a ticket with confidences; without a model the intent is unknown at 0", () => {
    const t = triageTicket(ticket, loadTriageModel(trainTriageModel(rows, "support-triage")), policy);
    expect(t.intent.value).toBe("login_access");
    expect(t.intent.confidence).toBeGreaterThan(0.5);
    expect(t.queue).toMatchObject({
      value: "technical",
      basis: expect.stringContaining("100% of 4 recorded tickets"),
    });
    expect(t.language.value).toBe("en");
    expect(t.modelVersion).toMatch(/^support-triage-[0-9a-f]{12}\+afinn\+support-lexicon-v1\+tinyld$/);
    const none = triageTicket(ticket, null, policy);
    expect(none.intent).toEqual({ value: "unknown", confidence: 0, alternatives: [] });
    expect(none.queue).toEqual({ value: "general", confidence: 0.2, basis: "the default queue" });
  });
});
