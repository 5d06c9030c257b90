import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";
import { parseSupportPolicy } from "./policy.ts";
import { neededSkills, routeTicket, type RosterPerson } from "./routing.ts";
import { detectSentiment } from "./sentiment.ts";

const policy = parseSupportPolicy({});
const person = (id: string, skills: string[], open: number): RosterPerson => ({
  id,
  name: id,
  skills,
  capacity_hours_per_day: 5,
  time_zone: "UTC",
  open_tickets: open,
});

describe("routing by skills and load", () => {
  it("spreads a batch by load, so the busy person gets fewer", () => {
    const roster = [person("a-busy", ["technical"], 8), person("b-free", ["technical"], 0)];
    const got: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = routeTicket(["technical"], roster, policy);
      got.push(r.assigneeId!);
      roster.find((p) => p.id === r.assigneeId)!.open_tickets++;
    }
    expect(got.filter((x) => x === "a-busy").length).toBeLessThan(got.filter((x) => x === "b-free").length);
    expect(roster[0]!.open_tickets).toBeLessThanOrEqual(10);
  });

  it("prefers the needed skills, and leaves a ticket unassigned when everybody is full", () => {
    const roster = [person("a", ["billing"], 0), person("b", ["account", "language:de"], 5)];
    expect(routeTicket(neededSkills("account", "de"), roster, policy).assigneeId).toBe("b");
    expect(routeTicket(["account"], [person("c", ["account"], 10)], policy)).toEqual({
      assigneeId: null,
      assigneeName: null,
      reason: "all 1 support people are at capacity",
    });
  });
});

describe("sentiment and language with confidences", () => {
  it("reads frustration in English and German, and technical words as neutral", () => {
    expect(
      detectSentiment("This is the second time this month. We need this fixed now.", "en"),
    ).toMatchObject({ value: "negative" });
    expect(
      detectSentiment("Das ist bereits das zweite Mal und für uns nicht akzeptabel.", "de"),
    ).toMatchObject({ value: "negative" });
    expect(detectSentiment("Error E-1234 when saving a record.", "en")).toEqual({
      value: "neutral",
      confidence: 0.55,
      score: 0,
      cues: [],
    });
  });

  it("detects the language with a confidence", () => {
    const de = detectLanguage("Bitte senden Sie die Rechnung an unsere neue Adresse.", null);
    expect(de.value).toBe("de");
    expect(de.confidence).toBeGreaterThan(0.5);
    expect(detectLanguage("123 456", "fr")).toEqual({ value: "fr", confidence: 0.3 });
  });
});
