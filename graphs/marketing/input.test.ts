import { describe, expect, it } from "vitest";
import { MarketingTargetError } from "../../agents/marketing/index.ts";
import { marketingInput } from "./input.ts";

describe("marketing run targets", () => {
  it("all → default goals; a segment carries its goal as text or fields; an account restricts", () => {
    expect(marketingInput({ kind: "all" })).toEqual({ target: { kind: "all" }, goals: null });
    expect(
      marketingInput({ kind: "segment", filter: { goal: "re-engage dormant mid-market accounts" } }),
    ).toEqual({
      target: { kind: "segment" },
      goals: [{ text: "re-engage dormant mid-market accounts" }],
    });
    expect(
      marketingInput({ kind: "segment", filter: { goals: [{ segment: "mid_market", dormant_days: 90 }] } })
        .goals,
    ).toEqual([{ segment: "mid-market", dormant_days: 90 }]);
    expect(marketingInput({ kind: "account", id: "a" })).toEqual({
      target: { kind: "account", id: "a" },
      goals: null,
    });
  });

  it("refuses a target it cannot run on, and a goal that does not validate, naming the field", () => {
    expect(() => marketingInput({ kind: "segment" })).toThrow(MarketingTargetError);
    expect(() => marketingInput({ kind: "ticket", id: "t" })).toThrow(/not on ticket/);
    expect(() => marketingInput({ kind: "segment", filter: { goal: { dormant_days: -3 } } })).toThrow(
      /goal 1: dormant_days/,
    );
    expect(() => marketingInput({ kind: "segment", filter: { goal: { segmnt: "smb" } } })).toThrow(/goal 1/);
  });
});
