import { describe, expect, it } from "vitest";
import { extractClaims, grounded, supportOf } from "./claims.ts";

const asOf = new Date("2026-11-01T00:00:00Z");

describe("draft claims", () => {
  it("finds dates, percentages, numbers, quotes and plans; not offers, list numbers or names", () => {
    const text =
      'Hi Ann,\n"Acme 2: renewal" is open. Our last exchange was on 2026-10-25.\n' +
      "- Active users are down 19% over the last three months.\n- 275 of your 645 seats are in use.\n" +
      "2. You are on the growth plan. Would 20 minutes suit you? [1]\nBest, Ben 3rd";
    const claims = extractClaims(text, ["Ben 3rd", "Ann"]);
    expect(claims.map((c) => [c.kind, c.value])).toEqual([
      ["quote", "Acme 2: renewal"],
      ["date", "2026-10-25"],
      ["percent", 19],
      ["plan", "growth"],
      ["number", 275],
      ["number", 645],
    ]);
  });

  it("grounds a claim only in the cited rows: values, counts, days, usage changes, quoted text", () => {
    const evidence = new Map<string, Record<string, unknown>>([
      ["usage:a:2026-10-01", { period_start: "2026-10-01", active_users: 75, seats_used: 275 }],
      ["usage:a:2026-09-01", { period_start: "2026-09-01", active_users: 75, seats_used: 270 }],
      ["usage:a:2026-08-01", { period_start: "2026-08-01", active_users: 75, seats_used: 260 }],
      ["usage:a:2026-07-01", { period_start: "2026-07-01", active_users: 100, seats_used: 250 }],
      ["activity:x", { occurred_at: "2026-07-22T10:00:00Z", subject: "Call about limits of 32,000 notes" }],
      ["ticket:t", { status: "open" }],
    ]);
    const s = supportOf(evidence, asOf);
    const check = (text: string) => extractClaims(text).map((c) => grounded(c, s));
    expect(check("275 seats")).toEqual([true]); // a value of a cited row
    expect(check("645 seats")).toEqual([false]); // the account row is not cited
    expect(check("down 25%")).toEqual([true]); // 75 against 100
    expect(check("1 ticket open")).toEqual([true]); // one cited open ticket
    expect(check("101 days since we spoke")).toEqual([true]); // 2026-07-22 → 2026-11-01
    expect(check("on 2026-07-22")).toEqual([true]);
    expect(check("on 2026-07-23")).toEqual([false]);
    expect(check("notes up to 32,000 characters")).toEqual([true]); // quoted from the cited text
    expect(check('"Call about limits"')).toEqual([true]);
    expect(check('"Call about pricing"')).toEqual([false]);
  });
});
