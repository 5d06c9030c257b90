import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltAudience } from "../graphs/marketing/index.ts";
import { SCORING_MODELS, saveModel, scoreRecord, trainModel } from "../agents/scoring/index.ts";
import { responseRecord } from "../agents/scoring/models/response-propensity.ts";
import type { Store } from "../db/index.ts";
import { MKT_AS_OF, setMarketingSettings, writeMarketingBook } from "./support/marketing-book.ts";
import { writeResponseHistory } from "./support/marketing-history.ts";
import { goalTarget, runMarketing, scoresOf } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const GOAL = goalTarget({ name: "Mid-market webinar", segment: "mid-market", campaign_kind: "webinar" });
const FALLBACK = "learned model unavailable: no trained response-propensity model";

async function train(store: Store, tenantId: string) {
  const entry = SCORING_MODELS["response-propensity"]!;
  const rows = await entry.loadRows(store.sql, tenantId, { asOf: MKT_AS_OF });
  const { artifact } = trainModel(entry.definition, rows, { asOf: MKT_AS_OF });
  const t = artifact.training;
  await saveModel(store.sql, tenantId, "response-propensity", artifact, {
    cvAuc: t.cvAuc,
    cvAucSd: t.cvAucSd,
    rows: t.rows,
    positives: t.positives,
  });
  return { artifact, rows };
}

describe.each(STORE_KINDS)("response propensity on %s", (kind) => {
  let store: Store;
  const deps = () => testDeps(store, { now: () => MKT_AS_OF });
  const audience = (values: Record<string, unknown>) => (values.audiences as BuiltAudience[])[0]!;

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("trains on recorded campaign touches, point in time, one row per delivered touch", async () => {
    const b = await writeMarketingBook(store.sql, "prop-rows");
    await writeResponseHistory(store.sql, b.tenantId, 40);
    const rows = await SCORING_MODELS["response-propensity"]!.loadRows(store.sql, b.tenantId, {
      asOf: MKT_AS_OF,
    });
    // the book's 7 touches less fay's event touch 5 days ago (window still open) + 2 per Zeta contact
    expect(rows).toHaveLength(6 + 80);
    const ana = rows.find(
      (r) =>
        r.record.role === "champion" && r.record.campaign_kind === "email" && r.record.prior_responses === 1,
    );
    expect(ana).toBeDefined();
    expect(rows.filter((r) => r.label)).toHaveLength(3 + 7 + 15 + 4);
  });

  it("ranks by the learned model when one is trained, and says so in every score", async () => {
    const b = await writeMarketingBook(store.sql, "prop-learned");
    const history = await writeResponseHistory(store.sql, b.tenantId);
    await setMarketingSettings(store.sql, b.tenantId, { learned_min_rows: 50 });
    const { artifact } = await train(store, b.tenantId);
    expect(artifact.model).toEqual({ name: "response-propensity", entity: "contact", outcome: "responded" });
    const leg = await runMarketing(await deps(), b.tenantId, GOAL);
    const members = audience(leg.values).members;
    expect(members).toHaveLength(10);
    const p = members.map((m) => m.propensity.probability);
    expect(p).toEqual([...p].sort((x, y) => y - x));
    // the ranking is the model's: each member's probability is the artifact's score of its facts
    for (const m of members)
      expect(m.propensity.probability).toBeCloseTo(
        scoreRecord(artifact, responseRecord(m.contact.facts, "webinar")).probability,
        5,
      );
    // champions respond far more often: every Zeta contact drafted is a champion
    const zeta = members.filter((m) => m.contact.account.id === history.accountId);
    expect(zeta.length).toBeGreaterThan(0);
    expect(zeta.every((m) => history.champions.includes(m.contact.contact_id))).toBe(true);
    const scores = await scoresOf(store.sql, leg.run.id);
    expect(scores.size).toBe(10);
    for (const s of scores.values()) {
      expect(s).toMatchObject({ kind: "response_webinar", model_version: artifact.version });
      expect(String((s.reasons[0] as { factor: string }).factor)).toMatch(/\(log-odds\)$/);
    }
    expect((leg.values.report as string[]).join("\n")).toContain(`learned model ${artifact.version}`);
  });

  it("falls back to the heuristic without a usable model, and says why", async () => {
    const b = await writeMarketingBook(store.sql, "prop-fallback");
    const leg = await runMarketing(await deps(), b.tenantId, GOAL);
    const members = audience(leg.values).members;
    // ana responded before (×1.8); dan and ivy: ivy's account is quiet (×0.7)
    expect(members.map((m) => m.contact.contact_id)).toEqual([
      b.contacts.ana,
      b.contacts.dan,
      b.contacts.ivy,
    ]);
    const scores = await scoresOf(store.sql, leg.run.id);
    expect(scores.get(b.contacts.ana)!.model_version).toBe(`response-heuristic-v1 (${FALLBACK})`);
    expect(scores.get(b.contacts.ana)!.reasons).toContainEqual({
      factor: FALLBACK,
      contribution: 0,
      evidence_ids: [],
    });

    // a model trained on too few rows is not used either
    await writeResponseHistory(store.sql, b.tenantId, 40);
    await train(store, b.tenantId);
    const small = await runMarketing(await deps(), b.tenantId, GOAL);
    expect(audience(small.values).members[0]!.propensity.model_version).toBe(
      "response-heuristic-v1 (learned model unavailable: trained on 86 rows < 100)",
    );
  });
});
