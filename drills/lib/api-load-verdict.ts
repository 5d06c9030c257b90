import type { Sql } from "../../db/index.ts";
import type { LoadSample, SendTally } from "./api-load-drive.ts";
import type { MajorGc } from "./api-load-procs.ts";
import { round } from "./api-report.ts";

/** Runs created and finished in each minute of the drill, by outcome. */
export interface MinuteRow extends Record<string, number | null> {
  minute: number;
  sent: number;
  succeeded: number;
  not_succeeded: number;
  backlog_end: number | null;
}

/** Per minute since `startedAt`: runs created (sent), and runs finished by outcome; backlog at each minute's end. */
export async function perMinute(
  sql: Sql,
  tenantId: string,
  startedAt: Date,
  samples: LoadSample[],
): Promise<MinuteRow[]> {
  const rows = await sql<{ minute: number; created: number; succeeded: number; other: number }[]>`
    WITH r AS (
      SELECT created_at, finished_at, status FROM agent_runs WHERE tenant_id = ${tenantId} AND trigger = 'api'
    ), m AS (
      SELECT generate_series(0, GREATEST(
        (SELECT floor(extract(epoch FROM max(created_at) - ${startedAt}) / 60) FROM r),
        (SELECT floor(extract(epoch FROM max(finished_at) - ${startedAt}) / 60) FROM r)))::int AS minute
    )
    SELECT m.minute,
      (SELECT count(*) FROM r WHERE floor(extract(epoch FROM created_at - ${startedAt}) / 60) = m.minute)::int AS created,
      (SELECT count(*) FROM r WHERE status = 'succeeded'
         AND floor(extract(epoch FROM finished_at - ${startedAt}) / 60) = m.minute)::int AS succeeded,
      (SELECT count(*) FROM r WHERE status <> 'succeeded' AND finished_at IS NOT NULL
         AND floor(extract(epoch FROM finished_at - ${startedAt}) / 60) = m.minute)::int AS other
    FROM m ORDER BY m.minute`;
  return rows.map((r) => {
    const end = samples.filter((s) => s.t_s <= (r.minute + 1) * 60).at(-1);
    return {
      minute: r.minute + 1,
      sent: r.created,
      succeeded: r.succeeded,
      not_succeeded: r.other,
      backlog_end: end ? end.queued + end.running : null,
    };
  });
}

/** Least-squares slope of `pts` in MB per minute (0 with fewer than 3 points), and the span in minutes. */
function trend(pts: { t: number; mb: number }[]): { slope: number; spanMin: number } {
  const n = pts.length;
  let slope = 0;
  if (n >= 3) {
    const mt = pts.reduce((a, p) => a + p.t, 0) / n;
    const mm = pts.reduce((a, p) => a + p.mb, 0) / n;
    const num = pts.reduce((a, p) => a + (p.t - mt) * (p.mb - mm), 0);
    const den = pts.reduce((a, p) => a + (p.t - mt) ** 2, 0);
    slope = den > 0 ? (num / den) * 60 : 0;
  }
  return { slope, spanMin: n >= 2 ? (pts[n - 1]!.t - pts[0]!.t) / 60 : 0 };
}

/**
 * RSS after the first `skipS` seconds: first, last, max, the least-squares slope (MB/min, shown,
 * not judged) and the medians of the first and last thirds of the span. RSS follows V8's
 * collection sawtooth and spikes for a sample or two (a worker with a flat live heap swung
 * 255–460 MB), so neither a straight-line slope nor a peak is a verdict. Bounded: the last
 * third's median within 15 % (at least 30 MB) of the first third's. A leaking worker (its live
 * heap +6 MB/min) went from a median of ~320 to ~510 MB. A leak itself is judged on the live
 * heap (`liveHeapTrend`).
 */
export function memoryTrend(samples: LoadSample[], label: string, skipS: number) {
  const all = samples.filter((s) => s.rss[label] != null).map((s) => ({ t: s.t_s, mb: s.rss[label]! }));
  const pts = all.filter((p) => p.t >= skipS);
  const { slope } = trend(pts);
  const span = pts.length ? pts.at(-1)!.t - pts[0]!.t : 0;
  const median = (xs: { mb: number }[]) => {
    const v = xs.map((p) => p.mb).sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)]! : 0;
  };
  const first = median(pts.filter((p) => p.t <= pts[0]!.t + span / 3));
  const last = median(pts.filter((p) => p.t >= pts.at(-1)!.t - span / 3));
  return {
    process: label,
    first_mb: round(all[0]?.mb ?? 0, 0),
    last_mb: round(all.at(-1)?.mb ?? 0, 0),
    max_mb: round(Math.max(0, ...all.map((p) => p.mb)), 0),
    slope_mb_per_min: round(slope, 1),
    first_third_median_mb: round(first, 0),
    last_third_median_mb: round(last, 0),
    bounded: pts.length < 6 ? null : last <= Math.max(first * 1.15, first + 30),
  };
}

/**
 * The heap a process kept after each of its full collections (its live data), from `skipS`
 * seconds after `startMs`, per V8 isolate (the main thread, and worker threads such as pino's
 * transport, whose heaps are far smaller): a leak raises it collection after collection. Shown
 * for the main isolate (the largest heap); flat when every isolate's trend over its span grows
 * less than 10 % of its first value after the skip (at least 20 MB).
 */
export function liveHeapTrend(gcs: MajorGc[], label: string, startMs: number, skipS: number) {
  const byIsolate = new Map<string, { t: number; mb: number }[]>();
  for (const g of gcs) {
    const t = (g.atMs - startMs) / 1000;
    if (t < skipS) continue;
    byIsolate.set(g.isolate, [...(byIsolate.get(g.isolate) ?? []), { t, mb: g.afterMb }]);
  }
  const isolates = [...byIsolate.values()].map((pts) => {
    const { slope, spanMin } = trend(pts);
    const growth = slope * spanMin;
    const first = pts[0]!.mb;
    return { pts, slope, growth, flat: pts.length < 3 ? null : growth <= Math.max(20, 0.1 * first) };
  });
  const main = isolates.sort(
    (a, b) => Math.max(...b.pts.map((p) => p.mb)) - Math.max(...a.pts.map((p) => p.mb)),
  )[0];
  const pts = main?.pts ?? [];
  const judged = isolates.filter((i) => i.flat !== null);
  return {
    process: label,
    isolates: isolates.length,
    full_gcs: pts.length,
    first_mb: round(pts[0]?.mb ?? 0, 0),
    last_mb: round(pts.at(-1)?.mb ?? 0, 0),
    min_mb: round(pts.length ? Math.min(...pts.map((p) => p.mb)) : 0, 0),
    max_mb: round(pts.length ? Math.max(...pts.map((p) => p.mb)) : 0, 0),
    slope_mb_per_min: round(main?.slope ?? 0, 2),
    trend_growth_mb: round(main?.growth ?? 0, 0),
    flat: judged.length === 0 ? null : judged.every((i) => i.flat),
  };
}

/** Latency percentiles of the trigger requests, in ms. */
export function latency(tally: SendTally) {
  const v = [...tally.latencyMs].sort((a, b) => a - b);
  const q = (p: number) => (v.length ? round(v[Math.min(v.length - 1, Math.floor(p * v.length))]!, 1) : null);
  return { p50: q(0.5), p99: q(0.99), max: v.length ? round(v.at(-1)!, 1) : null };
}
