import { formatAttribution } from "../../agents/marketing/index.ts";
import type { MarketingStateType } from "./state.ts";

/**
 * The run's summary as readable lines: segmentations, each audience with its counts and where its
 * spec came from, the propensity engine, drafts per variant, attribution, and (at the end) the
 * decisions. Kept in state (`report`) and in the final audit entry.
 */
export function summaryLines(state: MarketingStateType): string[] {
  const lines: string[] = [];
  const seg = state.segmentation;
  if (seg) {
    const rfm = seg.rfm.segments.map((s) => `${s.name} ${s.size}`).join(", ");
    lines.push(`segments of ${seg.accounts} accounts — RFM (${seg.rfm.version}): ${rfm || "none"}`);
    lines.push(
      `  clusters (${seg.clusters.version}, k=${seg.clusters.k}, silhouette ${seg.clusters.silhouette}):`,
    );
    for (const s of seg.clusters.segments) lines.push(`    ${s.key} ${s.description}`);
  }
  const engine = state.engine;
  if (engine)
    lines.push(
      engine.kind === "learned"
        ? `audiences ranked by the learned model ${engine.artifact.version} (${engine.trainedRows} rows)`
        : `audiences ranked by the response heuristic${engine.fallback ? ` (${engine.fallback})` : ""}`,
    );
  for (const a of state.audiences) {
    const plan = state.planned.find((p) => p.key === a.key);
    const c = a.counts;
    lines.push(
      `audience "${a.name}" [spec: ${plan?.source ?? "?"}]: ${c.total} contacts, excluded ${c.excluded_consent} ` +
        `consent/opt-out, ${c.excluded_no_email} no email, ${c.excluded_already_drafted} already drafted, ` +
        `${c.excluded_frequency_cap} frequency cap → ${c.final} final, ${c.drafted} drafted`,
    );
    if (plan?.rejected.length) lines.push(`  model spec rejected: ${plan.rejected.join("; ")}`);
  }
  const arm = (v: "A" | "B") => state.drafts.filter((d) => d.variant === v).length;
  lines.push(
    `drafts: ${state.drafts.length} (A ${arm("A")}, B ${arm("B")}), skipped ${state.skipped.length}`,
  );
  if (state.attribution) lines.push(...formatAttribution(state.attribution));
  if (state.outcome) {
    const o = state.outcome;
    lines.push(`decisions: ${o.approved} approved, ${o.edited} edited, ${o.rejected} rejected`);
  }
  return lines;
}
