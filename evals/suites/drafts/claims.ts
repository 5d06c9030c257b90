/**
 * Factual claims in a draft, and whether the rows it cites back them. A claim is a checkable
 * value the text states about the customer: a date, a number, a percentage, a quoted name or
 * next step, a plan. Each must be found in — or computed from — the draft's cited evidence rows.
 * Free prose ("thank you for working with us") states nothing checkable and is not counted.
 */
export interface Claim {
  kind: "date" | "percent" | "number" | "quote" | "plan";
  /** The text as it appears in the draft. */
  text: string;
  value: string | number;
}

const DAY_MS = 86_400_000;
const DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;
const PERCENT = /(\d+(?:\.\d+)?)\s?%/g;
const NUMBER = /(?<![\w.-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w%-])/g;
const QUOTE = /"([^"\n]{3,200})"/g;
const PLAN = /\bon the (\w+) plan\b/gi;
/** A proposed call length ("20 minutes this week") is an offer, not a claim about the customer. */
const OFFER = /\b\d+ minutes\b/g;
/** List numbering ("2. Update …") and source markers ("[1]") are layout, not claims. */
const LAYOUT = /^\s*\d+[.)]\s|\[\d+\]/gm;

/**
 * The claims of a text. `exempt` strings (the recipient's and sender's names, the recipient's
 * company) are blanked first, so digits inside a company name are not read as claims.
 */
export function extractClaims(text: string, exempt: readonly string[] = []): Claim[] {
  let rest = text;
  const claims: Claim[] = [];
  const take = (re: RegExp, make: (m: RegExpExecArray) => Claim) => {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      claims.push(make(m));
      return " ";
    });
  };
  // a quote is checked whole (a deal named after the company), before names are blanked
  take(QUOTE, (m) => ({ kind: "quote", text: m[0], value: m[1]! }));
  for (const e of exempt) if (e) rest = rest.split(e).join(" ");
  take(DATE, (m) => ({ kind: "date", text: m[0], value: m[1]! }));
  take(PERCENT, (m) => ({ kind: "percent", text: m[0], value: Number(m[1]) }));
  take(PLAN, (m) => ({ kind: "plan", text: m[0], value: m[1]!.toLowerCase() }));
  rest = rest.replace(OFFER, " ").replace(LAYOUT, " ");
  take(NUMBER, (m) => ({
    kind: "number",
    text: m[0],
    value: Number(`${m[1]!.replace(/,/g, "")}${m[2] ? `.${m[2]}` : ""}`),
  }));
  return claims;
}

/** What the cited rows support: their values, and the few numbers a draft may compute from them. */
export interface Support {
  strings: string[];
  dates: Set<string>;
  numbers: Set<number>;
  percents: Set<number>;
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}/.test(v);

/**
 * Collects support from the cited rows (`to_jsonb` of each): every string, date and number in
 * them; how many rows of each kind (and of each kind and status) are cited; days from each cited
 * date to `asOf`; and percentage changes of usage — the mean of the three newest cited periods
 * against the three before, and between any two cited periods — for each numeric usage column.
 */
export function supportOf(evidence: ReadonlyMap<string, Record<string, unknown>>, asOf: Date): Support {
  const s: Support = { strings: [], dates: new Set(), numbers: new Set(), percents: new Set() };
  const counts = new Map<string, number>();
  const usage: Record<string, unknown>[] = [];
  for (const [ref, row] of evidence) {
    const kind = ref.slice(0, ref.indexOf(":"));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (typeof row.status === "string")
      counts.set(`${kind}:${row.status}`, (counts.get(`${kind}:${row.status}`) ?? 0) + 1);
    if (kind === "usage") usage.push(row);
    for (const v of Object.values(row)) {
      if (typeof v === "number") s.numbers.add(v);
      if (typeof v !== "string") continue;
      s.strings.push(v.toLowerCase());
      // a value quoted from a cited text (a help article's limit, a date in a ticket) is backed by it
      for (const c of isDate(v) ? [] : extractClaims(v)) {
        if (c.kind === "number") s.numbers.add(c.value as number);
        if (c.kind === "date") s.dates.add(c.value as string);
        if (c.kind === "percent") s.percents.add(Math.round(c.value as number));
      }
      if (isDate(v)) {
        s.dates.add(v.slice(0, 10));
        const days = (asOf.getTime() - new Date(v).getTime()) / DAY_MS;
        if (days >= 0) [Math.floor(days), Math.round(days)].forEach((d) => s.numbers.add(d));
      } else if (/^-?\d+(\.\d+)?$/.test(v)) s.numbers.add(Number(v));
    }
  }
  for (const c of counts.values()) s.numbers.add(c);
  usage.sort((a, b) => String(b.period_start).localeCompare(String(a.period_start)));
  const columns = new Set(usage.flatMap((u) => Object.keys(u).filter((k) => typeof u[k] === "number")));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const change = (now: number, before: number) =>
    before > 0 ? Math.round(Math.abs((now / before - 1) * 100)) : null;
  for (const col of columns) {
    const xs = usage.map((u) => u[col]).filter((x): x is number => typeof x === "number");
    if (xs.length >= 4) {
      const c = change(mean(xs.slice(0, 3)), mean(xs.slice(3, 6)));
      if (c !== null) s.percents.add(c);
    }
    for (let i = 0; i < xs.length; i++)
      for (let j = i + 1; j < xs.length; j++) {
        const c = change(xs[i]!, xs[j]!);
        if (c !== null) s.percents.add(c);
      }
  }
  return s;
}

/** Whether the support backs a claim. */
export function grounded(claim: Claim, s: Support): boolean {
  switch (claim.kind) {
    case "date":
      return s.dates.has(claim.value as string);
    case "percent":
      return s.percents.has(Math.round(claim.value as number));
    case "number":
      return s.numbers.has(claim.value as number);
    case "quote":
    case "plan": {
      const v = String(claim.value).toLowerCase();
      return s.strings.some((x) => x.includes(v));
    }
  }
}
