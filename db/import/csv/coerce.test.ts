import { describe, expect, it } from "vitest";
import { snakeCase } from "./cells.ts";
import { bagCoercer, coercerFor } from "./coerce.ts";
import { parseDate, parseTimestamp } from "./timestamps.ts";

const utc = { timeZone: "UTC", dateFormat: "YYYY-MM-DD" } as const;

describe("timestamps", () => {
  it("reads zone-less times in the mapping's zone, across daylight saving", () => {
    expect(parseTimestamp("2023-06-01 12:15:36", "YYYY-MM-DD", "UTC")).toEqual({
      iso: "2023-06-01T12:15:36.000Z",
    });
    expect(parseTimestamp("2023-06-01 12:00", "YYYY-MM-DD", "Europe/Berlin")).toEqual({
      iso: "2023-06-01T10:00:00.000Z",
    });
    expect(parseTimestamp("2023-01-15T12:00:00", "YYYY-MM-DD", "Europe/Berlin")).toEqual({
      iso: "2023-01-15T11:00:00.000Z",
    });
    expect(parseTimestamp("2023-06-01", "YYYY-MM-DD", "America/New_York")).toEqual({
      iso: "2023-06-01T04:00:00.000Z",
    });
  });

  it("keeps a zone written in the cell, and fractions of a second", () => {
    expect(parseTimestamp("2023-06-01T12:00:00.25+02:00", "YYYY-MM-DD", "Asia/Tokyo")).toEqual({
      iso: "2023-06-01T10:00:00.250Z",
    });
    expect(parseTimestamp("2023-06-01 12:00Z", "YYYY-MM-DD", "Asia/Tokyo")).toEqual({
      iso: "2023-06-01T12:00:00.000Z",
    });
  });

  it("reads day-first and month-first layouts", () => {
    expect(parseDate("05.02.2021", "DD.MM.YYYY")).toEqual({ date: "2021-02-05" });
    expect(parseDate("02/05/2021", "MM/DD/YYYY")).toEqual({ date: "2021-02-05" });
    expect(parseTimestamp("05/02/2021 08:30", "DD/MM/YYYY", "UTC")).toEqual({
      iso: "2021-02-05T08:30:00.000Z",
    });
  });

  it("rejects impossible dates and times with a reason", () => {
    expect(parseDate("2021-02-30", "YYYY-MM-DD")).toEqual({ reason: '"2021-02-30" is not a calendar date' });
    expect(parseDate("2021-02-03 10:00", "YYYY-MM-DD")).toHaveProperty("reason");
    expect(parseTimestamp("2021-02-03 25:00", "YYYY-MM-DD", "UTC")).toHaveProperty("reason");
    expect(parseTimestamp("yesterday", "YYYY-MM-DD", "UTC")).toHaveProperty("reason");
  });
});

describe("coercion by column type", () => {
  it("reads whole numbers, including the '3.0' of float-typed sources, within the type's range", () => {
    const int2 = coercerFor("int2", utc)!;
    expect(int2("3.0")).toEqual({ value: 3 });
    expect(int2(" 42 ")).toEqual({ value: 42 });
    expect(int2("3.5")).toEqual({ reason: '"3.5" is not a whole number' });
    expect(int2("40000")).toEqual({ reason: '"40000" is out of range for a 16-bit integer' });
    expect(coercerFor("int8", utc)!("9007199254740993")).toEqual({ value: "9007199254740993" });
  });

  it("keeps numeric digits exact and refuses thousands separators", () => {
    const numeric = coercerFor("numeric", utc)!;
    expect(numeric("12345678901234567.25")).toEqual({ value: "12345678901234567.25" });
    expect(numeric("+1e3")).toEqual({ value: "1e3" });
    expect(numeric("1,234.5")).toHaveProperty("reason");
    expect(numeric(" ")).toHaveProperty("reason");
  });

  it("reads yes/no values in the usual spellings", () => {
    const bool = coercerFor("bool", utc)!;
    expect(["Yes", "y", "TRUE", "1", "t"].map((v) => bool(v))).toEqual(Array(5).fill({ value: true }));
    expect(["No", "n", "false", "0", "F"].map((v) => bool(v))).toEqual(Array(5).fill({ value: false }));
    expect(bool("maybe")).toHaveProperty("reason");
  });

  it("reads lists, JSON and UUIDs", () => {
    expect(coercerFor("_text", { ...utc, split: ";" })!("a; b;;c")).toEqual({ value: ["a", "b", "c"] });
    expect(coercerFor("_text", utc)!("a;b")).toEqual({ value: ["a;b"] });
    expect(coercerFor("jsonb", utc)!('{"a":[true]}')).toEqual({ value: { a: [true] } });
    expect(coercerFor("jsonb", utc)!("{oops")).toEqual({ reason: '"{oops" is not valid JSON' });
    expect(coercerFor("uuid", utc)!("7927b2df-8bba-4d29-b9a2-b6e0beafe620")).toHaveProperty("value");
    expect(coercerFor("uuid", utc)!("7927b2df")).toHaveProperty("reason");
    expect(coercerFor("vector", utc)).toBeUndefined();
  });

  it("gives bag numbers as JSON numbers", () => {
    expect(bagCoercer("numeric", utc)("29.85")).toEqual({ value: 29.85 });
    expect(bagCoercer("int", utc)("7")).toEqual({ value: 7 });
    expect(bagCoercer("text", utc)(" kept as is ")).toEqual({ value: " kept as is " });
  });
});

describe("bag keys", () => {
  it("turns CSV headers into snake_case keys", () => {
    expect(
      [
        "Lead Source",
        "customerID",
        "TotalVisits",
        "Page Views Per Visit",
        "tag_1",
        "X-Education (forums)",
      ].map(snakeCase),
    ).toEqual([
      "lead_source",
      "customer_id",
      "total_visits",
      "page_views_per_visit",
      "tag_1",
      "x_education_forums",
    ]);
  });
});
