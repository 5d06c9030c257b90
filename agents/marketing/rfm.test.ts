import { describe, expect, it } from "vitest";
import type { AccountFeatures } from "./facts.ts";
import { quintileScores, rfmSegment, rfmValues, scoreRfm } from "./rfm.ts";

const AS_OF = new Date("2026-11-01T00:00:00Z");
const account = (id: string, daysAgo: number | null, engagements: number, mrr: number): AccountFeatures => ({
  account_id: id,
  name: id,
  segment: null,
  plan: null,
  lifecycle_stage: "customer",
  mrr,
  seats_purchased: null,
  last_engaged_at: daysAgo === null ? null : new Date(AS_OF.getTime() - daysAgo * 86_400_000).toISOString(),
  engagements,
  responses: 1,
  won_amount: 1000,
  tickets_90d: 0,
  active_users: null,
});

describe("RFM", () => {
  it("values: recency in days, frequency = engagements + responses, monetary = 12 × MRR + won", () => {
    expect(rfmValues(account("a", 10, 4, 500), AS_OF)).toEqual({
      recencyDays: 10,
      frequency: 5,
      monetary: 7000,
    });
    expect(rfmValues(account("b", null, 0, 0), AS_OF).recencyDays).toBeNull();
  });

  it("scores quintiles by mid-rank percentile; equal values score the same", () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([0, 0, 0, 0, 0, 0, 5, 9, 9, 12])).toEqual([2, 2, 2, 2, 2, 2, 4, 5, 5, 5]);
    expect(quintileScores([7])).toEqual([3]);
  });

  it("groups by R and (F+M)/2, first matching rule wins", () => {
    expect(rfmSegment(5, 5, 4)).toBe("champions");
    expect(rfmSegment(4, 3, 3)).toBe("loyal");
    expect(rfmSegment(3, 4, 2)).toBe("loyal");
    expect(rfmSegment(5, 1, 2)).toBe("promising");
    expect(rfmSegment(3, 2, 2)).toBe("needs_attention");
    expect(rfmSegment(1, 5, 5)).toBe("at_risk");
    expect(rfmSegment(2, 1, 1)).toBe("hibernating");
  });

  it("ranks a book: recent, frequent, valuable accounts are champions; never-engaged rank last", () => {
    const book = [
      account("best", 1, 40, 9000),
      account("good", 5, 30, 8000),
      account("mid", 30, 10, 3000),
      account("quiet-rich", 300, 0, 10000),
      account("never", null, 0, 10),
    ];
    const byId = new Map(scoreRfm(book, AS_OF).map((r) => [r.account_id, r]));
    expect(byId.get("best")).toMatchObject({ r: 5, f: 5, segment: "champions" });
    expect(byId.get("never")).toMatchObject({ r: 1, recencyDays: null, segment: "hibernating" });
    expect(byId.get("quiet-rich")).toMatchObject({ r: 2, m: 5, segment: "at_risk" });
    expect(byId.get("mid")).toMatchObject({ r: 3, f: 3, m: 2, segment: "needs_attention" });
  });
});
