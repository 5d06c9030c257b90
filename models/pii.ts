/**
 * PII masking for prompts. Before text leaves the process, email addresses, phone numbers and the
 * request's known contact names are replaced by placeholders (`[EMAIL_1]`, `[PHONE_1]`,
 * `[NAME_1]` …) numbered in order of first appearance, so the same prompt always masks the same
 * way (cassette keys stay stable). The answer is restored with the same map.
 */

type Kind = "EMAIL" | "PHONE" | "NAME";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** `+` then country code and 1–6 groups; accepted when it has 8–15 digits (E.164). */
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}(?!\w)/;
/**
 * US 3-3-4 with a separator, optional `1-` prefix and `(555)` area code. Requiring separators and
 * refusing a neighbouring word character, `-` or `.` keeps ISO dates, amounts, ids and uuids intact.
 */
const PHONE_US = /(?<![\w.+-])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-]|\.\d)/;
/** Both phone forms in one pass, so placeholders number in order of appearance. */
const PHONE = new RegExp(`${PHONE_INTL.source}|${PHONE_US.source}`, "g");
const PLACEHOLDER = /\[(EMAIL|PHONE|NAME)_(\d+)\]/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const digitCount = (s: string) => s.replace(/\D/g, "").length;

/** Masks one request's messages and restores its answer; one instance per model call. */
export class PiiMasker {
  readonly #toPlaceholder = new Map<string, string>();
  readonly #toValue = new Map<string, string>();
  readonly #counts: Record<Kind, number> = { EMAIL: 0, PHONE: 0, NAME: 0 };
  readonly #names: RegExp | null;
  readonly #canonicalName = new Map<string, string>();

  /** `knownNames`: contact names to mask wherever they appear as whole words (case-insensitive). */
  constructor(knownNames: readonly string[] = []) {
    const names = [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 2))];
    names.sort((a, b) => b.length - a.length); // "Ann Lee" before "Ann"
    for (const n of names)
      if (!this.#canonicalName.has(n.toLowerCase())) this.#canonicalName.set(n.toLowerCase(), n);
    this.#names =
      names.length === 0
        ? null
        : new RegExp(
            `(?<![\\p{L}\\p{N}_])(?:${names.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`,
            "giu",
          );
  }

  /** Replaces PII in `text` with placeholders. */
  mask(text: string): string {
    let out = text.replace(EMAIL, (m) => this.#placeholder("EMAIL", m.toLowerCase(), m));
    out = out.replace(PHONE, (m) => {
      const n = digitCount(m);
      return m.startsWith("+") && (n < 8 || n > 15) ? m : this.#placeholder("PHONE", m, m);
    });
    if (this.#names) {
      out = out.replace(this.#names, (m) => {
        const canonical = this.#canonicalName.get(m.toLowerCase()) ?? m;
        return this.#placeholder("NAME", canonical.toLowerCase(), canonical);
      });
    }
    return out;
  }

  /** Puts the original values back into every string of `value` (strings, arrays, plain objects). */
  restore<T>(value: T): T {
    return mapStrings(value, (s) => s.replace(PLACEHOLDER, (m) => this.#toValue.get(m) ?? m));
  }

  /** Masks every string of `value` deeply (tool call arguments). */
  maskDeep<T>(value: T): T {
    return mapStrings(value, (s) => this.mask(s));
  }

  /** How many distinct values were masked. */
  get size(): number {
    return this.#toValue.size;
  }

  #placeholder(kind: Kind, identity: string, original: string): string {
    const id = `${kind}:${identity}`;
    const existing = this.#toPlaceholder.get(id);
    if (existing) return existing;
    const placeholder = `[${kind}_${++this.#counts[kind]}]`;
    this.#toPlaceholder.set(id, placeholder);
    this.#toValue.set(placeholder, original);
    return placeholder;
  }
}

/** Applies `fn` to every string inside arrays and plain objects; other values are kept as they are. */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value !== null && typeof value === "object" && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
