import { randomUUID } from "node:crypto";
import { deref, fillPath, type JsonSchema, type OpenApiDoc, type Operation } from "./api-openapi.ts";

/** One request of the cross-tenant matrix, with an id slot the probe fills. */
export interface Probe {
  route: string;
  /** Where the id goes: `path id`, `query entity_id`, `body target.id` … or `list` (no slot). */
  slot: string;
  /** What the slot holds: a uuid, or a date (path `{date}`). */
  kind: "uuid" | "date" | "none";
  request(value: string): { method: string; url: string; body?: string };
}

const isUuid = (s: JsonSchema, doc: OpenApiDoc): boolean => {
  const d = deref(doc, s);
  if (d.format === "uuid") return true;
  return ((d.anyOf ?? d.oneOf) as JsonSchema[] | undefined)?.some((u) => isUuid(u, doc)) ?? false;
};
/** The fresh strings `minimal` writes into plain text fields. */
export const UNIQUE_TEXT = /zz[0-9a-f]{8}/g;
const looksUuid = (v: unknown) => typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v);

/**
 * Every id slot of every operation: path parameters, uuid query parameters, and uuid fields of
 * the body (each branch of a union; the keys of a free-form object's uuid-valued example). Other
 * path parameters hold the caller's own ids (`own`, by the path segment before them); other
 * required fields hold the first value their schema allows.
 */
export function probesOf(doc: OpenApiDoc, op: Operation, own: Record<string, string>): Probe[] {
  const route = `${op.method} ${op.path}`;
  const ownPath = (skip?: string) =>
    Object.fromEntries(
      op.pathParams.filter((p) => p.name !== skip).map((p) => [p.name, ownFor(op.path, p.name, own)]),
    );
  const baseQuery = (skip?: string) =>
    op.queryParams
      .filter((p) => p.required && p.name !== skip)
      .map((p): [string, string] => [p.name, String(minimal(doc, p.schema, [], ""))]);
  const body = (slot?: string[], value?: string) =>
    op.body ? JSON.stringify(minimal(doc, op.body, slot ?? [], value ?? "")) : undefined;
  const make = (
    slot: string,
    kind: Probe["kind"],
    build: (v: string) => { url: string; body?: string },
  ): Probe => ({
    route,
    slot,
    kind,
    request: (v) => {
      const b = build(v);
      return { method: op.method, url: b.url, ...(b.body !== undefined ? { body: b.body } : {}) };
    },
  });
  const url = (path: Record<string, string>, query: [string, string][]) =>
    fillPath(op.path, path) + (query.length ? `?${new URLSearchParams(query).toString()}` : "");
  const probes: Probe[] = [];
  for (const p of op.pathParams) {
    const kind = deref(doc, p.schema).format === "date" ? "date" : "uuid";
    probes.push(
      make(`path ${p.name}`, kind, (v) => ({
        url: url({ ...ownPath(p.name), [p.name]: v }, baseQuery()),
        body: body(),
      })),
    );
  }
  for (const q of op.queryParams.filter((q) => isUuid(q.schema, doc)))
    probes.push(
      make(`query ${q.name}`, "uuid", (v) => ({
        url: url(ownPath(), [...baseQuery(q.name), [q.name, v]]),
        body: body(),
      })),
    );
  if (op.body)
    for (const slot of uuidSlots(doc, op.body, []))
      probes.push(
        make(`body ${slot.join(".")}`, "uuid", (v) => ({
          url: url(ownPath(), baseQuery()),
          body: body(slot, v),
        })),
      );
  if (probes.length === 0)
    probes.push(make("list", "none", () => ({ url: url(ownPath(), baseQuery()), body: body() })));
  return probes;
}

/** The caller's own id for a path parameter: by the resource named before it (`runs`, `tasks` …). */
function ownFor(path: string, name: string, own: Record<string, string>): string {
  const before = path.split("/").at(path.split("/").indexOf(`{${name}}`) - 1) ?? "";
  return own[before] ?? own[name] ?? randomUUID();
}

/** Paths (keys and array index 0) to uuid fields; union branches each give theirs. */
function uuidSlots(doc: OpenApiDoc, schema: JsonSchema, at: string[], depth = 0): string[][] {
  if (depth > 5) return [];
  const s = deref(doc, schema);
  if (isUuid(s, doc) && !s.anyOf && !s.oneOf) return [at];
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (union) return union.flatMap((u, i) => uuidSlots(doc, u, [...at, `#${i}`], depth + 1));
  if (s.type === "array" && s.items) return uuidSlots(doc, s.items as JsonSchema, [...at, "0"], depth + 1);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const fromProps = Object.entries(props).flatMap(([k, v]) => uuidSlots(doc, v, [...at, k], depth + 1));
  const example = s.example && typeof s.example === "object" ? (s.example as Record<string, unknown>) : {};
  const fromExample = Object.keys(props).length
    ? []
    : Object.keys(example)
        .filter((k) => looksUuid(example[k]))
        .map((k) => [...at, k]);
  return [...fromProps, ...fromExample];
}

/**
 * The smallest value `schema` accepts (required fields only; example, default, first enum value,
 * first union branch), with `value` at `slot` (a path from uuidSlots; `#i` picks a union branch).
 */
export function minimal(
  doc: OpenApiDoc,
  schema: JsonSchema,
  slot: string[],
  value: string,
  depth = 0,
): unknown {
  const s = deref(doc, schema);
  if (depth > 6) return null;
  const [head, ...rest] = slot;
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (union) {
    const i = head?.startsWith("#") ? Number(head.slice(1)) : 0;
    return minimal(doc, union[i]!, head?.startsWith("#") ? rest : slot, value, depth + 1);
  }
  if (slot.length === 0 && value && isUuid(s, doc)) return value;
  if (s.type === "array")
    return [
      minimal(
        doc,
        (s.items ?? {}) as JsonSchema,
        head === "0" ? rest : [],
        head === "0" ? value : "",
        depth + 1,
      ),
    ];
  if (s.type === "object" || s.properties) {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props))
      if (required.has(k) || k === head)
        out[k] = minimal(doc, v, k === head ? rest : [], k === head ? value : "", depth + 1);
    if (Object.keys(props).length === 0 && s.example && typeof s.example === "object") {
      Object.assign(out, s.example);
      if (head) out[head] = value;
    }
    return out;
  }
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.const !== undefined) return s.const;
  if (s.format === "uuid") return randomUUID();
  if (s.format === "date") return "2026-11-22";
  // a fresh name per call, so creating twice does not conflict (answers mask it: UNIQUE_TEXT)
  if (s.type === "string") return `zz${randomUUID().slice(0, 8)}`;
  if (s.type === "integer" || s.type === "number") return (s.minimum as number | undefined) ?? 1;
  if (s.type === "boolean") return true;
  return null;
}
