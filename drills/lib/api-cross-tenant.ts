import { randomUUID } from "node:crypto";
import type { HttpHarness } from "../../tests/support/http-app.ts";
import { operations } from "./api-openapi.ts";
import { probesOf, UNIQUE_TEXT } from "./api-probes.ts";
import { changedTables, snapshotTenant } from "./api-snapshot.ts";
import { populateTenant, type PopulatedTenant } from "./api-tenant.ts";

/** One row of the matrix: a route's id slot called with every one of tenant B's ids. */
export interface MatrixRow extends Record<string, string | number> {
  route: string;
  slot: string;
  calls: number;
  /** Answers: status counts, e.g. `404×12`. */
  answers: string;
  /** Calls whose answer differs from the same call with an id that does not exist. */
  unlike_missing: number;
  /** Calls whose answer contains one of B's ids, slug or key prefixes. */
  leaks: number;
  /** B's tables that changed while this row ran. */
  writes: string;
}

export interface CrossTenantReport {
  rows: MatrixRow[];
  problems: string[];
  calls: number;
  tenants: { a: PopulatedTenant; b: PopulatedTenant };
}

/**
 * Two populated tenants; tenant A's admin key (every scope) calls every route of the OpenAPI
 * document with each of B's ids in each id slot, and the same call with a fresh uuid. Per call:
 * the answer must equal the missing-id answer (ids and timestamps masked; a path id must be 404)
 * and contain none of B's ids; per route, B's rows in every tenant table must be unchanged.
 */
export async function crossTenantMatrix(h: HttpHarness): Promise<CrossTenantReport> {
  const a = await populateTenant(h, "tenant-a", "2026-11-19");
  const b = await populateTenant(h, "tenant-b", "2026-11-21");
  const { doc, ops } = await operations(h.app);
  const own = {
    runs: a.ids.agent_runs![0]!,
    tasks: a.ids.tasks![0]!,
    schedules: a.ids.schedules![0]!,
  };
  // A's interrupted run, so an approval reaches its drafts check
  const [waiting] = await h.store.sql<{ id: string }[]>`
    SELECT id FROM agent_runs WHERE tenant_id = ${a.tenantId} AND status = 'interrupted' LIMIT 1`;
  if (waiting) own.runs = waiting.id;
  const bUuids = [...new Set(Object.values(b.ids).flat())];
  const rows: MatrixRow[] = [];
  const problems: string[] = [];
  let calls = 0;
  // a body id slot of a POST or PUT may create the caller's own row under that id (a thread …):
  // those run last, so that no other probe finds A's new row under B's id and calls it a leak
  const creates = (p: { route: string; slot: string }) =>
    /^(POST|PUT) /.test(p.route) && p.slot.startsWith("body");
  const probes = ops.flatMap((op) => probesOf(doc, op, own));
  const ordered = [...probes.filter((p) => !creates(p)), ...probes.filter(creates)];
  for (const probe of ordered) {
    const before = await snapshotTenant(h.store.sql, b.tenantId);
    const values = probe.kind === "uuid" ? bUuids : probe.kind === "date" ? [b.planDate] : [""];
    const statuses = new Map<number, number>();
    let unlike = 0;
    let leaks = 0;
    for (const value of values) {
      const got = await send(h, probe.request(value), a.keys.admin);
      calls++;
      statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1);
      let differs = false;
      let ref = { status: 0, text: "" };
      // a call without an id slot has no missing-id twin: only its answer is checked for B's data
      if (probe.kind !== "none") {
        const missing = probe.kind === "date" ? "2031-01-17" : randomUUID();
        ref = await send(h, probe.request(missing), a.keys.admin);
        calls++;
        differs =
          got.status !== ref.status ||
          mask(got.text, value) !== mask(ref.text, missing) ||
          (probe.slot.startsWith("path") && got.status !== 404);
      }
      const leaked = b.secrets.filter((s) => s !== value && got.text.includes(s));
      if (differs) {
        unlike++;
        problems.push(
          `${probe.route} ${probe.slot}=${value}: ${got.status} ${got.text.slice(0, 200)} ≠ missing ${ref.status} ${ref.text.slice(0, 200)}`,
        );
      }
      if (leaked.length) {
        leaks++;
        problems.push(
          `${probe.route} ${probe.slot}=${value}: answer contains B's ${leaked.slice(0, 3).join(", ")}`,
        );
      }
    }
    const writes = changedTables(before, await snapshotTenant(h.store.sql, b.tenantId));
    if (writes.length) problems.push(`${probe.route} ${probe.slot}: changed B's ${writes.join(", ")}`);
    rows.push({
      route: probe.route,
      slot: probe.slot,
      calls: values.length,
      answers: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
      unlike_missing: unlike,
      leaks,
      writes: writes.join(",") || "none",
    });
  }
  return { rows, problems, calls, tenants: { a, b } };
}

async function send(h: HttpHarness, req: { method: string; url: string; body?: string }, key: string) {
  const res = await h.app.request(req.url, {
    method: req.method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, text: "" };
  }
  return { status: res.status, text: await res.text() };
}

/** The answer with the probed value, every uuid, timestamp and number masked: what is left must match. */
function mask(text: string, value: string): string {
  return text
    .split(value)
    .join("<probe>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, "<ts>")
    .replace(/crm_[0-9a-f]{12}/g, "<key>")
    .replace(UNIQUE_TEXT, "<text>");
}
