import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateTenantSettings } from "../agents/settings.ts";
import type { Store } from "../db/index.ts";
import { countRunOutputs } from "../db/queries/outputs.ts";
import { supportAgent } from "../graphs/support/index.ts";
import { continueRun, decideRunDrafts, runAgent } from "../graphs/runtime/index.ts";
import { crashingOnce } from "./support/cs-run.ts";
import { setSupportSettings, SUPPORT_NOW, writeSupportBook } from "./support/support-book.ts";
import { supportOutputs } from "./support/support-outputs.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const all = { kind: "all" as const };

describe.each(STORE_KINDS)("support agent reruns, resumes and settings on %s", (kind) => {
  let store: Store;
  beforeAll(async () => (store = await openTestStore(kind)));
  afterAll(() => store?.close());
  const deps = () => testDeps(store, { now: () => SUPPORT_NOW });

  it("a rerun after approval duplicates nothing: same tasks, same assignments, no new drafts", async () => {
    const b = await writeSupportBook(store.sql, `sup-rerun-${kind}`);
    const d = await deps();
    const first = await runAgent(d, supportAgent, { tenantId: b.tenantId, target: all });
    const before = await supportOutputs(store.sql, b.tenantId);
    expect(before.drafts.length).toBeGreaterThan(0);
    await decideRunDrafts(
      d,
      supportAgent,
      b.tenantId,
      first.run.id,
      before.drafts.map((x) => ({ draftId: x.id, decision: "approve" as const })),
      "user:test",
    );

    const second = await runAgent(await deps(), supportAgent, { tenantId: b.tenantId, target: all });
    expect(second.run.status).toBe("succeeded"); // nothing new to approve
    expect(String(second.values.triageModelNote)).toMatch(/^loaded support-triage-/); // trained once, then stored
    const after = await supportOutputs(store.sql, b.tenantId);
    expect(after.tasks.map((t) => t.id)).toEqual(before.tasks.map((t) => t.id));
    // run_id keeps the run that proposed each task first; the rerun's outputs list them too (0016)
    expect(after.tasks.every((t) => t.run_id === first.run.id)).toBe(true);
    expect((await countRunOutputs(store.sql, second.run.id)).tasks).toBe(before.tasks.length);
    expect(after.drafts.map((x) => x.id)).toEqual(before.drafts.map((x) => x.id));
    expect(after.tickets.map((t) => [t.id, t.assignee_id, t.category, t.priority])).toEqual(
      before.tickets.map((t) => [t.id, t.assignee_id, t.category, t.priority]),
    );
    const assigned = (o: typeof after) => o.audit.filter((a) => a.action === "ticket.assigned").length;
    expect(assigned(after)).toBe(assigned(before));
    expect((second.values.notes as { note: string }[]).map((n) => n.note)).toContainEqual(
      expect.stringMatching(/^no reply: a draft exists \(approved, 20\d\d-\d\d-\d\d\)$/),
    );
  });

  it("the same request key twice is one run; a crashed run continues from its checkpoint without duplicates", async () => {
    const b = await writeSupportBook(store.sql, `sup-crash-${kind}`);
    const request = { tenantId: b.tenantId, target: all, idempotencyKey: "support-2026-11-16" };
    const failed = await runAgent(crashingOnce(await deps()), supportAgent, request);
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatchObject({ message: "worker crashed in respond" });
    const again = await runAgent(await deps(), supportAgent, request);
    expect(again.run.id).toBe(failed.run.id);
    expect(again.run.status).toBe("failed"); // returned as it is, not run twice
    const midway = await supportOutputs(store.sql, b.tenantId);
    expect(midway.drafts).toEqual([]);

    const resumed = await continueRun(await deps(), supportAgent, b.tenantId, failed.run.id);
    expect(resumed.run.status).toBe("interrupted");
    const out = await supportOutputs(store.sql, b.tenantId);
    expect(new Set(out.tasks.map((t) => t.dedupe_key)).size).toBe(out.tasks.length);
    expect(new Set(out.drafts.map((x) => x.entity_id)).size).toBe(out.drafts.length);
    expect(out.audit.filter((a) => a.action === "ticket.assigned")).toHaveLength(
      midway.audit.filter((a) => a.action === "ticket.assigned").length,
    );
    expect(out.tasks.filter((t) => t.type === "sla_risk").map((t) => t.id)).toEqual(
      midway.tasks.filter((t) => t.type === "sla_risk").map((t) => t.id),
    );
  });

  it("runs one ticket by id, and refuses bad settings and targets by name", async () => {
    const b = await writeSupportBook(store.sql, `sup-one-${kind}`);
    const one = await runAgent(await deps(), supportAgent, {
      tenantId: b.tenantId,
      target: { kind: "ticket", id: b.tickets.billing },
    });
    expect(one.run.status).toBe("interrupted");
    const out = await supportOutputs(store.sql, b.tenantId);
    expect(out.drafts.map((x) => x.entity_id)).toEqual([b.tickets.billing]);
    expect(out.tickets.filter((t) => t.triage).map((t) => t.id)).toEqual([b.tickets.billing]);

    await setSupportSettings(store.sql, b.tenantId, { intent: { minConfidence: 2 } });
    const bad = await runAgent(await deps(), supportAgent, { tenantId: b.tenantId, target: all });
    expect(bad.run.status).toBe("failed");
    expect(bad.run.error).toMatchObject({
      code: "SUPPORT_POLICY_INVALID",
      message: expect.stringContaining("support.intent.minConfidence"),
    });
    expect(() =>
      validateTenantSettings({ support: { routing: { workStartHour: 18, workEndHour: 8 } } }),
    ).toThrow(/support\.routing\.workEndHour is invalid: must be after workStartHour/);
    expect(() => validateTenantSettings({ support: { nope: 1 } })).toThrow(
      /tenant setting support is invalid/,
    );
    expect(() => supportAgent.input({ kind: "account", id: b.accounts.calm })).toThrow(
      /support agent runs on a ticket or on all open tickets, not on a account/,
    );
    await setSupportSettings(store.sql, b.tenantId, {});
    // an id of another kind is refused before a run is created (TARGET_NOT_FOUND, issue 15)
    await expect(
      runAgent(await deps(), supportAgent, {
        tenantId: b.tenantId,
        target: { kind: "ticket", id: b.accounts.calm },
      }),
    ).rejects.toMatchObject({
      code: "TARGET_NOT_FOUND",
      message: `ticket ${b.accounts.calm} not found: ${b.accounts.calm} is an account, not a ticket`,
    });
  });
});
