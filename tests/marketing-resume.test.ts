import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignKey, goalSchema } from "../agents/marketing/index.ts";
import type { Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { marketingAgent } from "../graphs/marketing/index.ts";
import { continueRun, runAgent, type Deps } from "../graphs/runtime/index.ts";
import { MKT_AS_OF, writeMarketingBook } from "./support/marketing-book.ts";
import { goalTarget, marketingDrafts, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

// every account: ana, dan, gus, hal and ivy may be written to (fay is at the cap)
const GOAL = { name: "Autumn update", topic: "the autumn release", campaign_kind: "email" };
const KEY = campaignKey(goalSchema.parse(GOAL));

describe.each(STORE_KINDS)("marketing reruns and resumes on %s", (kind) => {
  let store: Store;
  let deps: Deps;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => MKT_AS_OF });
  });
  afterAll(() => store?.close());

  it("is idempotent: a repeated key returns the run; a rerun of the campaign drafts nobody twice", async () => {
    const b = await writeMarketingBook(store.sql, "drafts-rerun");
    const request = {
      tenantId: b.tenantId,
      target: goalTarget(GOAL),
      trigger: "cli",
      idempotencyKey: "autumn-1",
    };
    const first = await runAgent(deps, marketingAgent, request);
    const again = await runAgent(deps, marketingAgent, request);
    expect(again.run.id).toBe(first.run.id);
    const rerun = await runMarketing(deps, b.tenantId, goalTarget(GOAL));
    expect(rerun.run.status).toBe("succeeded");
    const [audience] = rerun.values.audiences as { counts: Record<string, number> }[];
    expect(audience!.counts).toMatchObject({ excluded_already_drafted: 5, final: 0, drafted: 0 });
    expect(await marketingDrafts(store.sql, b.tenantId)).toHaveLength(5);
  });

  it("continues after a crash mid-drafting without re-running finished nodes or duplicating drafts", async () => {
    const b = await writeMarketingBook(store.sql, "drafts-crash");
    const second = { name: "Enterprise briefing", segment: "enterprise" };
    let crash = true;
    const crashing: Deps = {
      ...deps,
      models: {
        label: deps.models.label,
        offline: deps.models.offline,
        call: async (request, run) => {
          // the worker dies on the second campaign's template, after the first campaign's drafts
          const text = request.messages.map((m) => String(m.content)).join(" ");
          if (crash && request.node === "write_drafts" && text.includes(second.name)) {
            crash = false;
            throw new Error("worker crashed while drafting");
          }
          return deps.models.call(request, run);
        },
      },
    };
    const failed = await runMarketing(crashing, b.tenantId, goalTarget(GOAL, second));
    expect(failed.run).toMatchObject({
      status: "failed",
      error: { message: "worker crashed while drafting" },
    });
    expect((await marketingDrafts(store.sql, b.tenantId)).map((d) => d.campaign_key)).toEqual(
      Array(5).fill(KEY),
    );
    const leg = await continueRun(crashing, marketingAgent, b.tenantId, failed.run.id);
    expect(leg.run.status).toBe("interrupted");
    const drafts = await marketingDrafts(store.sql, b.tenantId);
    // the first campaign's five drafts were rewritten in place; hal also gets the enterprise one
    expect(drafts).toHaveLength(6);
    expect(drafts.filter((d) => d.campaign_key !== KEY).map((d) => d.contact_id)).toEqual([b.contacts.hal]);
    const finished = (await listRunEvents(store.sql, failed.run.id))
      .filter((e) => e.type === "node_finished")
      .map((e) => e.data.node);
    expect(finished).toEqual([
      "prepare",
      "segment",
      "attribute",
      "plan_audiences",
      "build_audiences",
      "record_scores",
      "write_drafts",
    ]);
  });
});
