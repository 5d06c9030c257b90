// Per-draft approval: decisions a few at a time, the run resumed by a worker (never inside the
// HTTP request) once every draft is decided or a person says "resume with the rest rejected /
// pending", and a cancelled run's drafts closed. On the in-process queue (PGlite) and on BullMQ
// with a real redis-server (Postgres).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getRun } from "../db/queries/runs.ts";
import { salesAgent } from "../graphs/sales/index.ts";
import { queueRunDecisions, runAgent } from "../graphs/runtime/index.ts";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import { requeueUnfinishedRuns } from "../server/queue/recover.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { until } from "./support/queue-kit.ts";
import { writeSalesBook } from "./support/sales-book.ts";

const CASES = [
  { queueKind: "memory", storeKind: "pglite" },
  { queueKind: "bullmq", storeKind: "postgres" },
] as const;

type Stored = {
  run: { id: string; status: string } | null;
  decided: { id: string; status: string; outbox_id: string | null }[];
  pending: string[];
  resume: "queued" | "waiting" | "none";
};
type ErrorBody = { error: { code: string; message: string; field?: string } };
type DraftView = { id: string; status: string; decision: string | null; decision_note: string | null };

describe.each(CASES)(
  "per-draft approval on the $queueKind queue ($storeKind)",
  ({ queueKind, storeKind }) => {
    let h: HttpHarness;
    let started = false;
    const prefix = `approval-${process.pid}-${Date.now()}`;

    beforeAll(async () => {
      h = await openHttpApp(storeKind, {
        // the worker is started by the first test, after it saw the request answer without it
        worker: false,
        ...(queueKind === "bullmq"
          ? {
              queue: () =>
                new BullJobQueue({ url: inject("redisUrl"), prefix, logger: createLogger("silent") }),
            }
          : {}),
      });
      expect(h.queue.kind).toBe(queueKind);
    });
    afterAll(() => h?.close());

    const startWorker = async () => {
      if (started) return;
      started = true;
      await h.queue.startWorker(jobHandlers(h.deps, h.queue), { concurrency: 2 });
    };

    /** A tenant with the sales book and a sales run over it waiting on its two drafts. */
    async function waitingRun(slug: string): Promise<{ t: KeyedTenant; runId: string; drafts: string[] }> {
      await writeSalesBook(h.store.sql, slug);
      const t = await keyedTenant(h.store, slug);
      const leg = await runAgent(h.deps, salesAgent, { tenantId: t.tenantId, target: { kind: "all" } });
      expect(leg.run.status).toBe("interrupted");
      const drafts = await h.store.sql<{ id: string }[]>`
      SELECT id FROM drafts WHERE run_id = ${leg.run.id} ORDER BY created_at, id`;
      expect(drafts).toHaveLength(2);
      return { t, runId: leg.run.id, drafts: drafts.map((d) => d.id) };
    }
    const runStatus = async (t: KeyedTenant, runId: string) =>
      (await getRun(h.store.sql, t.tenantId, runId))!.status;
    const draft = async (t: KeyedTenant, id: string) =>
      (await call<{ draft: DraftView }>(h.app, "GET", `/v1/drafts/${id}`, { key: t.keys.read })).body.draft;
    const finished = (t: KeyedTenant, runId: string) =>
      until("the run to finish", async () => (await runStatus(t, runId)) === "succeeded", 30_000);

    it("decides drafts one at a time; the last decision queues the resume, which only a worker runs", async () => {
      const { t, runId, drafts } = await waitingRun(`appr-one-${queueKind}`);
      const [first, second] = drafts as [string, string];

      // one of two: stored, the run keeps waiting on the other (no DECISION_MISSING)
      const partial = await call<Stored>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { decisions: [{ draft_id: first, decision: "edit", body: "Shall we talk on Tuesday?" }] },
      });
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({
        resume: "waiting",
        pending: [second],
        run: { status: "interrupted" },
      });
      expect(await draft(t, first)).toMatchObject({ status: "approved", decision: "edit" });
      const waiting = await call<{
        data: { run_id: string; drafts: { id: string }[] }[];
        page: { total: number; next_cursor: string | null };
      }>(h.app, "GET", "/v1/approvals?limit=1", { key: t.keys.read });
      expect(waiting.body.data.map((w) => [w.run_id, w.drafts.map((d) => d.id)])).toEqual([
        [runId, [second]],
      ]);
      expect(waiting.body.page).toMatchObject({ total: 1, next_cursor: null });
      const tooMany = await call<ErrorBody>(h.app, "GET", "/v1/approvals?limit=201", { key: t.keys.read });
      expect(tooMany.body.error).toMatchObject({ field: "limit" });

      // the last one, by its own route: 202, the resume is queued; no worker runs yet, so the run
      // is still interrupted when the request has answered
      const last = await call<Stored>(h.app, "POST", `/v1/drafts/${second}/decision`, {
        key: t.keys.approve,
        body: { decision: "reject", reason: "wrong timing" },
      });
      expect(last.status).toBe(202);
      expect(last.headers.get("location")).toBe(`/v1/runs/${runId}`);
      expect(last.body).toMatchObject({
        resume: "queued",
        pending: [],
        decided: [{ id: second, status: "rejected" }],
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await runStatus(t, runId)).toBe("interrupted");
      expect((await h.queue.counts()).waiting).toBeGreaterThan(0);

      await startWorker();
      await finished(t, runId);
      expect(await draft(t, second)).toMatchObject({
        status: "rejected",
        decision: "reject",
        decision_note: "wrong timing",
      });
      // the resumed graph learnt both decisions from the store: one follow-up task for the edited draft
      const [outcome] = await h.store.sql<{ details: { decisions: Record<string, number> } }[]>`
      SELECT details FROM audit_log WHERE tenant_id = ${t.tenantId} AND action = 'sales.run_completed'`;
      expect(outcome!.details.decisions).toEqual({ approved: 0, edited: 1, rejected: 1 });

      // deciding again is a conflict naming the draft
      const again = await call<ErrorBody>(h.app, "POST", `/v1/drafts/${second}/decision`, {
        key: t.keys.approve,
        body: { decision: "approve" },
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "DRAFT_DECISION", field: "id" });
    });

    it("resumes with the rest rejected", async () => {
      await startWorker();
      const { t, runId, drafts } = await waitingRun(`appr-rej-${queueKind}`);
      const res = await call<Stored>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { decisions: [{ draft_id: drafts[0], decision: "approve" }], rest: "reject" },
      });
      expect(res.status).toBe(202);
      expect(res.body.decided.map((d) => d.status)).toEqual(["approved", "rejected"]);
      await finished(t, runId);
      expect(await draft(t, drafts[1]!)).toMatchObject({
        status: "rejected",
        decision_note: `rejected with the rest of run ${runId}`,
      });
    });

    it("resumes with the rest pending: the run finishes, the rest is decided later and reaches the outbox", async () => {
      await startWorker();
      const { t, runId, drafts } = await waitingRun(`appr-pend-${queueKind}`);
      const res = await call<Stored>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { rest: "pending" },
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ decided: [], pending: drafts, resume: "queued" });
      await finished(t, runId);
      expect((await draft(t, drafts[0]!)).status).toBe("pending");
      const later = await call<Stored>(h.app, "POST", `/v1/drafts/${drafts[0]}/decision`, {
        key: t.keys.approve,
        body: { decision: "approve" },
      });
      expect(later.status).toBe(200);
      expect(later.body).toMatchObject({ resume: "none", run: { status: "succeeded" } });
      const outbox = await call<{ data: { draft_id: string }[]; page: { total: number } }>(
        h.app,
        "GET",
        "/v1/outbox",
        {
          key: t.keys.read,
        },
      );
      expect(outbox.body.data.map((o) => o.draft_id)).toEqual([drafts[0]]);
      expect(outbox.body.page.total).toBe(1);
    });

    it("cancelling a waiting run closes its drafts with a reason; deciding them is a 409", async () => {
      const { t, runId, drafts } = await waitingRun(`appr-cancel-${queueKind}`);
      const cancelled = await call<{ run: { status: string } }>(h.app, "POST", `/v1/runs/${runId}/cancel`, {
        key: t.keys.write,
      });
      expect(cancelled.body.run.status).toBe("cancelled");
      for (const id of drafts) {
        expect(await draft(t, id)).toMatchObject({
          status: "closed",
          decision: null,
          decision_note: "run cancelled",
        });
      }
      const late = await call<ErrorBody>(h.app, "POST", `/v1/drafts/${drafts[0]}/decision`, {
        key: t.keys.approve,
        body: { decision: "approve" },
      });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe("DRAFT_CLOSED");
      expect(late.body.error.message).toContain("run cancelled");
      const viaRun = await call<ErrorBody>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { decisions: [{ draft_id: drafts[0], decision: "approve" }] },
      });
      expect(viaRun.status).toBe(409);
      expect(viaRun.body.error.code).toBe("RUN_STATE");
      const closed = await call<{ data: { id: string }[]; page: { total: number } }>(
        h.app,
        "GET",
        `/v1/drafts?status=closed&run_id=${runId}`,
        { key: t.keys.read },
      );
      expect(closed.body.page.total).toBe(2);
    });

    it("refuses what it cannot decide, naming the field", async () => {
      const { t, runId, drafts } = await waitingRun(`appr-bad-${queueKind}`);
      const other = await waitingRun(`appr-bad2-${queueKind}`);
      const empty = await call<ErrorBody>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { decisions: [] },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ code: "NO_DECISIONS", field: "decisions" });
      // another tenant's run answers as one that does not exist, whatever the body
      const elsewhere = await call<ErrorBody>(h.app, "POST", `/v1/runs/${other.runId}/approval`, {
        key: t.keys.approve,
        body: {},
      });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.error).toMatchObject({ code: "RUN_NOT_FOUND", field: "id" });
      const foreign = await call<ErrorBody>(h.app, "POST", `/v1/runs/${runId}/approval`, {
        key: t.keys.approve,
        body: { decisions: [{ draft_id: other.drafts[0], decision: "approve" }] },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error).toMatchObject({ code: "DRAFT_NOT_IN_RUN", field: "decisions" });
      // another tenant's draft answers as one that does not exist
      const hidden = await call<ErrorBody>(h.app, "POST", `/v1/drafts/${other.drafts[0]}/decision`, {
        key: t.keys.approve,
        body: { decision: "approve" },
      });
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toMatchObject({ code: "DRAFT_NOT_FOUND", field: "id" });
      const readOnly = await call(h.app, "POST", `/v1/drafts/${drafts[0]}/decision`, {
        key: t.keys.read,
        body: { decision: "approve" },
      });
      expect(readOnly.status).toBe(403);
      const emptyEdit = await call<ErrorBody>(h.app, "POST", `/v1/drafts/${drafts[0]}/decision`, {
        key: t.keys.approve,
        body: { decision: "edit", body: " " },
      });
      expect(emptyEdit.body.error.field).toBe("body");
      expect((await draft(t, drafts[0]!)).status).toBe("pending");
    });

    it("a resume job lost before it ran (the process stopped) is queued again when a worker starts", async () => {
      await startWorker();
      const { t, runId, drafts } = await waitingRun(`appr-lost-${queueKind}`);
      const decisions = drafts.map((draftId) => ({ draftId, decision: "approve" as const }));
      // the decisions were stored, but the job went with the process that held it
      const lost = { addResume: async () => {} };
      const stored = await queueRunDecisions(h.deps, lost, t.tenantId, runId, decisions, "user:test");
      expect(stored.resume).toBe("queued");
      await new Promise((r) => setTimeout(r, 300));
      expect(await runStatus(t, runId)).toBe("interrupted");
      expect(await requeueUnfinishedRuns(h.store.sql, h.queue, { includeRunning: false })).toBeGreaterThan(0);
      await finished(t, runId);
    });
  },
);
