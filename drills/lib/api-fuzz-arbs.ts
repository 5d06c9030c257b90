import fc from "fast-check";
import { deref, type JsonSchema, type OpenApiDoc, type Operation } from "./api-openapi.ts";

/** Arbitraries for fuzzing one operation: values near its schemas, and garbage. */

const printable = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const wild = fc.anything({ maxDepth: 2, maxKeys: 4 });

/**
 * Values near what `schema` accepts: the right shape most of the time, with bounds just outside
 * the limits, wrong types and arbitrary JSON mixed in, so validation is exercised past its first check.
 */
export function nearSchema(doc: OpenApiDoc, schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return wild;
  const s = deref(doc, schema);
  return fc.oneof({ arbitrary: shaped(doc, s, depth), weight: 15 }, { arbitrary: wild, weight: 1 });
}

function shaped(doc: OpenApiDoc, s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum)) return fc.oneof(fc.constantFrom(...(s.enum as unknown[])), printable(12));
  if (s.const !== undefined) return fc.constant(s.const);
  const union = (s.anyOf ?? s.oneOf ?? s.allOf) as JsonSchema[] | undefined;
  if (union?.length) return fc.oneof(...union.map((u) => nearSchema(doc, u, depth + 1)));
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string | undefined];
  return fc.oneof(...types.map((t) => ofType(doc, s, t, depth)));
}

function ofType(
  doc: OpenApiDoc,
  s: JsonSchema,
  type: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, nearSchema(doc, v, depth + 1)])),
        { requiredKeys: [] },
      );
      const extra = fc.option(fc.dictionary(printable(8), wild, { maxKeys: 1 }), {
        freq: 15,
        nil: undefined,
      });
      return fc.tuple(record, extra).map(([r, e]) => ({ ...r, ...e }));
    }
    case "array":
      return fc.array(nearSchema(doc, (s.items ?? {}) as JsonSchema, depth + 1), { maxLength: 4 });
    case "integer":
    case "number": {
      const min = num("minimum") ?? -1000;
      const max = num("maximum") ?? 1_000_000;
      return fc.oneof(
        {
          arbitrary: fc.integer({
            min: Math.max(-2_147_483_648, min - 2),
            max: Math.min(2_147_483_647, max + 2),
          }),
          weight: 6,
        },
        {
          arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2),
          weight: 1,
        },
        { arbitrary: fc.double(), weight: 1 },
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "string":
      return stringFor(s);
    default:
      return wild;
  }
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  const max = typeof s.maxLength === "number" ? s.maxLength : 60;
  const near = fc.oneof(printable(Math.min(max + 2, 400)), fc.string({ maxLength: 20 }), fc.constant(""));
  switch (s.format) {
    case "uuid":
      return fc.oneof(
        fc.uuid(),
        fc.uuid().map((u) => u.toUpperCase()),
        near,
      );
    case "date":
      return fc.oneof(
        fc
          .date({ noInvalidDate: true, min: new Date("2000-01-01"), max: new Date("2040-01-01") })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01"),
        near,
      );
    case "date-time":
      return fc.oneof(
        fc
          .date({ noInvalidDate: true, min: new Date("2000-01-01"), max: new Date("2040-01-01") })
          .map((d) => d.toISOString()),
        fc.constantFrom("2026-11-22T25:00:00Z", "2026-11-22", "+275760-09-13T00:00:00.000Z"),
        near,
      );
    default:
      return near;
  }
}

/** A query, path or header value: a string near the parameter's schema, or garbage. */
export function paramValue(doc: OpenApiDoc, schema: JsonSchema, known: string[] = []): fc.Arbitrary<string> {
  const asText = nearSchema(doc, schema).map((v) =>
    typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)),
  );
  const odd = fc.constantFrom(
    "",
    "null",
    "-1",
    "1e400",
    "NaN",
    "%",
    "..",
    "0x10",
    "2147483648",
    " 1",
    "a,b,,",
  );
  const arbs = [
    { arbitrary: asText, weight: 6 },
    { arbitrary: odd, weight: 1 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  ];
  if (known.length) arbs.push({ arbitrary: fc.constantFrom(...known), weight: 4 });
  return fc.oneof(...arbs);
}

/** A request to one operation. */
export interface FuzzRequest {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** The raw body, or undefined for none. */
  body: string | undefined;
}

/** Header values that are legal on the wire (printable ASCII): garbage for the server, not for fetch. */
const headerValue = printable(120);

/**
 * Requests to `op`: its path, query and header parameters and its body near their schemas or
 * garbage, plus unexpected query parameters, auth headers (mostly `validKey`, sometimes garbage or
 * none), content types, Idempotency-Key, Last-Event-ID and X-Request-Id.
 */
export function requestArb(
  doc: OpenApiDoc,
  op: Operation,
  validKey: string,
  known: Record<string, string[]>,
): fc.Arbitrary<FuzzRequest> {
  const path = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, paramValue(doc, p.schema, known[p.name] ?? [])])),
  );
  const declared = op.queryParams.map((p) =>
    fc.option(
      paramValue(doc, p.schema, known[p.name] ?? []).map((v) => [p.name, v] as [string, string]),
      {
        freq: 2,
        nil: undefined,
      },
    ),
  );
  const extraQuery = fc.array(fc.tuple(printable(10), printable(20)), { maxLength: 1 });
  const query = fc
    .tuple(fc.tuple(...declared), extraQuery)
    .map(([d, e]) => [...d.filter((x): x is [string, string] => x !== undefined), ...e]);
  const auth = fc.oneof(
    { arbitrary: fc.constant(`Bearer ${validKey}`), weight: 12 },
    {
      arbitrary: fc.oneof(
        fc.constantFrom("", "Bearer", "Bearer  ", "Basic Zm9vOmJhcg==", validKey, `bearer ${validKey}x`),
        headerValue.map((v) => `Bearer ${v}`),
        headerValue,
        fc.constant(`Bearer ${validKey.slice(0, 17)}${"A".repeat(43)}`),
      ),
      weight: 2,
    },
  );
  const contentType = fc.oneof(
    { arbitrary: fc.constant("application/json"), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        "text/plain",
        "application/json; charset=latin1",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
        "application/jsonx",
      ),
      weight: 2,
    },
  );
  const headerArbs = {
    authorization: fc.option(auth, { freq: 12, nil: undefined }),
    "content-type": fc.option(contentType, { freq: 8, nil: undefined }),
    "idempotency-key": fc.option(fc.oneof(headerValue, printable(300)), { freq: 2, nil: undefined }),
    "last-event-id": fc.option(fc.oneof(headerValue, fc.integer().map(String), fc.constant("1e3")), {
      freq: 2,
      nil: undefined,
    }),
    "x-request-id": fc.option(headerValue, { freq: 3, nil: undefined }),
  };
  const headers = fc
    .record(headerArbs, { requiredKeys: [] })
    .map(
      (h) =>
        Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
  const body =
    op.method === "GET" || op.method === "HEAD"
      ? fc.constant(undefined)
      : fc.oneof(
          {
            arbitrary: op.body
              ? nearSchema(doc, op.body).map((v) => JSON.stringify(v) ?? "null")
              : wild.map((v) => JSON.stringify(v) ?? "null"),
            weight: 6,
          },
          { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
          { arbitrary: fc.constantFrom("{", '{"a":', "[1,", "nul", '"\\ud800"', "{}", "[]", ""), weight: 1 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        );
  return fc.record({ path, query, headers, body });
}
