import { describe, expect, it } from "vitest";
import { PiiMasker } from "./pii.ts";

describe("PiiMasker", () => {
  it("masks emails, international and US phone numbers and known names with stable placeholders", () => {
    const m = new PiiMasker(["Anna Berg", "Anna", "Jo"]);
    const text =
      "Anna Berg (anna.berg@acme.io, +49 151 2345 6789) wrote to Jo at JO@EXAMPLE.com; " +
      "call (555) 123-4567 or 1-800-555-0199 or +1 415 555 0100; anna again: Anna.";
    expect(m.mask(text)).toBe(
      "[NAME_1] ([EMAIL_1], [PHONE_1]) wrote to [NAME_2] at [EMAIL_2]; " +
        "call [PHONE_2] or [PHONE_3] or [PHONE_4]; [NAME_3] again: [NAME_3].",
    );
    // The same value keeps its placeholder across texts of one request.
    expect(m.mask("anna.berg@acme.io")).toBe("[EMAIL_1]");
  });

  it("leaves ISO dates, money, ids, uuids, times and plain numbers alone", () => {
    const m = new PiiMasker();
    const text =
      "Renewal 2025-03-31T10:00:00Z, ARR $1,234,567.89 (EUR 12.345.678,90), deal ORD-2024-000123, " +
      "id 123e4567-e89b-12d3-a456-426614174000, account 4711-0815, seats 1500, " +
      "ticket #555-1234, ratio 0.123, version 10.2.3, phone-like id ACC-555-123-4567, 20250331";
    expect(m.mask(text)).toBe(text);
    expect(m.size).toBe(0);
  });

  it("matches names as whole words only, case-insensitively", () => {
    const m = new PiiMasker(["Jo", "  ", "x"]);
    expect(m.mask("Jo, jo and John and Jonas")).toBe("[NAME_1], [NAME_1] and John and Jonas");
  });

  it("restores placeholders deeply in strings, arrays and plain objects", () => {
    const m = new PiiMasker(["Anna Berg"]);
    m.mask("Anna Berg anna@acme.io +44 20 7946 0958");
    const answer = {
      to: "[EMAIL_1]",
      body: ["Dear [NAME_1],", { phone: "[PHONE_1]", unknown: "[EMAIL_9]" }],
      n: 3,
    };
    expect(m.restore(answer)).toEqual({
      to: "anna@acme.io",
      body: ["Dear Anna Berg,", { phone: "+44 20 7946 0958", unknown: "[EMAIL_9]" }],
      n: 3,
    });
  });

  it("numbers placeholders by first appearance, so the same prompt masks the same way", () => {
    const text = "b@x.io then a@x.io then b@x.io";
    expect(new PiiMasker().mask(text)).toBe(new PiiMasker().mask(text));
    expect(new PiiMasker().mask(text)).toBe("[EMAIL_1] then [EMAIL_2] then [EMAIL_1]");
  });
});
