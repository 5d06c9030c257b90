import { describe, expect, it } from "vitest";
import {
  generateBook,
  planBook,
  SeedOptionsError,
  WRITE_ORDER,
  type BookOptions,
  type BookRows,
} from "./index.ts";
import { churnProbability, conversionProbability, winProbability } from "./model.ts";
import { emptyBook } from "./rows.ts";

const TENANT = "7c0d3f0e-5b7a-4d1e-9a51-2f4a8e1c9b10";
const OTHER_TENANT = "0b9f6c2d-1e3a-4f5b-8c7d-6e5f4a3b2c1d";

function collect(options: BookOptions, chunkAccounts?: number): BookRows {
  const all = emptyBook();
  for (const part of generateBook(options, chunkAccounts)) {
    for (const table of WRITE_ORDER) for (const row of part[table]) (all[table] as unknown[]).push(row);
  }
  return all;
}

describe("generateBook", () => {
  const book = collect({ tenantId: TENANT, accounts: 300 });

  it("is deterministic: the same options give the same rows, ids and timestamps included", () => {
    expect(collect({ tenantId: TENANT, accounts: 300 })).toEqual(book);
  });

  it("does not depend on the chunk size", () => {
    expect(collect({ tenantId: TENANT, accounts: 300 }, 100)).toEqual(book);
  });

  it("differs with another seed", () => {
    const other = collect({ tenantId: TENANT, accounts: 300, seed: 7 });
    expect(other.accounts.map((a) => a.segment)).not.toEqual(book.accounts.map((a) => a.segment));
    expect(other.accounts[0]!.id).not.toBe(book.accounts[0]!.id);
    expect(other.accounts[0]!.external_id).toMatch(/^s7-20261101-A/);
  });

  it("gives another tenant the same content under different ids", () => {
    const other = collect({ tenantId: OTHER_TENANT, accounts: 300 });
    expect(other.accounts.map((a) => a.name)).toEqual(book.accounts.map((a) => a.name));
    const ids = new Set(book.accounts.map((a) => a.id));
    expect(other.accounts.some((a) => ids.has(a.id))).toBe(false);
  });

  it("draws unique version-4 uuids", () => {
    const ids = WRITE_ORDER.flatMap((t) => (book[t] as { id?: string }[]).map((r) => r.id)).filter(
      (id): id is string => id !== undefined,
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("derives counts from the ratios, with exact lead and ticket overrides", () => {
    const plan = planBook({ tenantId: TENANT, accounts: 300 });
    expect(book.accounts).toHaveLength(300);
    expect(book.leads).toHaveLength(plan.leads);
    expect(book.tickets).toHaveLength(plan.tickets);
    expect(book.users).toHaveLength(plan.users);
    expect(book.contacts.length / 300).toBeGreaterThan(2.5);
    expect(book.deals.length / 300).toBeGreaterThan(0.35);
    const small = collect({ tenantId: TENANT, accounts: 150, leads: 77, tickets: 1234 });
    expect(small.leads).toHaveLength(77);
    expect(small.tickets).toHaveLength(1234);
  });

  it("rejects options out of range", () => {
    expect(() => planBook({ tenantId: TENANT, accounts: 0 })).toThrow(SeedOptionsError);
    expect(() => planBook({ tenantId: TENANT, asOf: "not a date" })).toThrow(SeedOptionsError);
    expect(() => planBook({ tenantId: TENANT, leads: -1 })).toThrow(SeedOptionsError);
  });

  it("keeps every event at or before the as-of date, and outcomes after their signals", () => {
    const asOf = planBook({ tenantId: TENANT }).asOf;
    const times = [
      ...book.activities.map((a) => a.occurred_at),
      ...book.tickets.flatMap((t) => [t.created_at, t.first_response_at, t.resolved_at]),
      ...book.campaign_members.flatMap((m) => [m.touched_at, m.responded_at]),
      ...book.deal_stage_history.flatMap((h) => [h.entered_at, h.exited_at]),
      ...book.outcomes.map((o) => o.known_at),
      ...book.contacts.map((c) => c.created_at),
    ].filter((t): t is Date => t !== null);
    expect(times.every((t) => t <= asOf)).toBe(true);

    const churned = new Map(
      book.outcomes.filter((o) => o.kind === "churned").map((o) => [o.entity_id, o.known_at] as const),
    );
    expect(churned.size).toBeGreaterThan(0);
    // the account's own activity stops at churn (a lead at a churned company may still show up)
    for (const a of book.activities) {
      const at = a.account_id && !a.lead_id ? churned.get(a.account_id) : undefined;
      if (at) expect(a.occurred_at <= at).toBe(true);
    }
    for (const u of book.product_usage) {
      const at = churned.get(u.account_id);
      if (at) expect(u.period_start < at.toISOString().slice(0, 7)).toBe(true);
    }
    const decided = new Map(
      book.outcomes.filter((o) => o.kind === "converted").map((o) => [o.entity_id, o.known_at] as const),
    );
    for (const a of book.activities) {
      if (a.lead_id && decided.has(a.lead_id)) expect(a.occurred_at <= decided.get(a.lead_id)!).toBe(true);
    }
  });
});

describe("the generative model", () => {
  const mid = { health: 0, pain: 0, bond: 0 };

  it("makes churn likelier with poor health, pain, a weak relationship and a first renewal", () => {
    const base = churnProbability(mid, 3, "mid-market");
    expect(churnProbability({ ...mid, health: -1 }, 3, "mid-market")).toBeGreaterThan(base);
    expect(churnProbability({ ...mid, pain: 1 }, 3, "mid-market")).toBeGreaterThan(base);
    expect(churnProbability({ ...mid, bond: -1 }, 3, "mid-market")).toBeGreaterThan(base);
    expect(churnProbability(mid, 1, "mid-market")).toBeGreaterThan(base);
  });

  it("makes conversion likelier with intent and company size, and wins likelier with threads", () => {
    expect(conversionProbability(1, 200, "website")).toBeGreaterThan(
      conversionProbability(0, 200, "website"),
    );
    expect(conversionProbability(0, 5000, "website")).toBeGreaterThan(
      conversionProbability(0, 20, "website"),
    );
    expect(winProbability(0, 3, false, false)).toBeGreaterThan(winProbability(0, 1, false, false));
    expect(winProbability(0, 2, true, false)).toBeLessThan(winProbability(0, 2, false, false));
  });
});
