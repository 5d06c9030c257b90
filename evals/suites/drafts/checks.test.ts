import { describe, expect, it } from "vitest";
import { checkDraft, passes } from "./checks.ts";
import type { DraftRow, Person } from "./load.ts";

const draft = (over: Partial<DraftRow> = {}): DraftRow => ({
  id: "d1",
  agent: "cs",
  channel: "email",
  subject: "Acme Corp: a quick check-in",
  body: "Hi Ann,\n\nYour renewal comes up on 2027-01-23. Could we find 30 minutes next week?\n\nBest regards,\nBen Ray",
  evidence_ids: ["account:a1"],
  provider: "offline:cs-templates-v1",
  contact_id: "c1",
  lead_id: null,
  first_name: "Ann",
  last_name: "Lee",
  email: "ann@acme.example",
  contactable: true,
  account_name: "Acme Corp",
  ...over,
});
const evidence = new Map([["account:a1", { name: "Acme Corp", renewal_date: "2027-01-23" }]]);
const people: Person[] = [
  { id: "c1", first_name: "Ann", last_name: "Lee", email: "ann@acme.example", phone: "+1 415 555 0100" },
  { id: "c2", first_name: "Raj", last_name: "Patel", email: "raj@acme.example", phone: "+1 415 555 0199" },
];
const asOf = new Date("2026-11-01T00:00:00Z");
const check = (d: DraftRow) => checkDraft(d, evidence, people, ["Ben Ray"], asOf);

describe("draft checks", () => {
  it("passes a grounded, addressed draft to a consenting recipient", () => {
    const v = check(draft());
    expect(v).toMatchObject({
      claims: 1,
      ungrounded: [],
      otherPersonData: [],
      optedOut: false,
      missingFields: [],
    });
    expect(passes(v)).toBe(true);
  });

  it("flags another contact's name, address or phone, and unknown addresses", () => {
    const body = `${draft().body}\nPS: Raj Patel (raj@acme.example, +1 415 555 0199) and x@evil.example agree.`;
    expect(check(draft({ body })).otherPersonData).toEqual([
      "name of c2",
      "email of c2",
      "phone of c2",
      "an address that is not the recipient's: x@evil.example",
    ]);
  });

  it("flags an opted-out recipient, missing fields, lengths and evidence that resolves to nothing", () => {
    const v = check(
      draft({
        contactable: false,
        subject: "",
        body: "Hello there, renewal on 2027-02-01.",
        evidence_ids: ["account:a1", "ticket:t9"],
      }),
    );
    expect(v.optedOut).toBe(true);
    expect(v.missingFields).toEqual(["subject", "salutation to the recipient"]);
    expect(v.lengthProblems).toEqual(["body 35 < 80 chars"]);
    expect(v.ungrounded.map((c) => c.text)).toEqual(["2027-02-01"]);
    expect(v.unresolvedEvidence).toEqual(["ticket:t9"]);
    expect(passes(v)).toBe(false);
  });
});
