import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Sql } from "../../db/index.ts";
import { rssMb, type ServeProcess } from "./api-load-procs.ts";

/** One sample of the system under load, every `sampleMs`. */
export interface LoadSample {
  t_s: number;
  sent: number;
  accepted: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  /** RSS in MB by process label (api, worker-1 …). */
  rss: Record<string, number | null>;
  load_1m: number;
}

/** What the open-loop sender saw. */
export interface SendTally {
  sent: number;
  accepted: number;
  /** Non-2xx answers by status, and transport errors as `error:<name>`. */
  rejected: Record<string, number>;
  /** The first few error answers, verbatim (for the report). */
  examples: string[];
  runIds: string[];
  /** Sends fired more than 1 s after their scheduled time (the drill's own client fell behind). */
  late: number;
  latencyMs: number[];
}

export interface DriveOptions {
  apiUrl: string;
  keys: string[];
  targets: string[];
  ratePerMin: number;
  minutes: number;
  sampleMs: number;
}

/**
 * Sends `POST /v1/runs` (cs, one account each, background, policy enqueue) at a fixed rate, open loop: each
 * request leaves at its scheduled time whether or not earlier ones were answered. Meanwhile
 * samples the tenant's runs by status, the processes' RSS and the load average.
 */
export async function drive(
  sql: Sql,
  tenantId: string,
  procs: { label: string; proc: ServeProcess }[],
  o: DriveOptions,
  samples: LoadSample[],
  start: number,
): Promise<SendTally> {
  const tally: SendTally = {
    sent: 0,
    accepted: 0,
    rejected: {},
    examples: [],
    runIds: [],
    late: 0,
    latencyMs: [],
  };
  const total = Math.round(o.ratePerMin * o.minutes);
  const interval = 60_000 / o.ratePerMin;
  let sending = true;
  const sampler = (async () => {
    while (sending) {
      samples.push(await sample(sql, tenantId, procs, tally, start));
      await sleep(o.sampleMs);
    }
  })();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -1000) tally.late++;
    const p = send(o, i, tally).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  sending = false;
  await sampler;
  return tally;
}

async function send(o: DriveOptions, i: number, tally: SendTally): Promise<void> {
  tally.sent++;
  const t0 = performance.now();
  const note = (kind: string, text: string) => {
    tally.rejected[kind] = (tally.rejected[kind] ?? 0) + 1;
    if (tally.examples.length < 5) tally.examples.push(`${kind}: ${text.slice(0, 300)}`);
  };
  try {
    const res = await fetch(`${o.apiUrl}/v1/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${o.keys[i % o.keys.length]}`, "content-type": "application/json" },
      body: JSON.stringify({
        agent: "cs",
        target: { kind: "account", id: o.targets[i % o.targets.length] },
        mode: "background",
        policy: "enqueue",
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    tally.latencyMs.push(performance.now() - t0);
    if (res.status >= 200 && res.status < 300) {
      tally.accepted++;
      tally.runIds.push((JSON.parse(text) as { run: { id: string } }).run.id);
    } else note(String(res.status), text);
  } catch (err) {
    note(`error:${(err as Error).name}`, (err as Error).message);
  }
}

async function sample(
  sql: Sql,
  tenantId: string,
  procs: { label: string; proc: ServeProcess }[],
  tally: SendTally,
  start: number,
): Promise<LoadSample> {
  const rows = await sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM agent_runs
    WHERE tenant_id = ${tenantId} AND trigger = 'api' GROUP BY status`;
  const by = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return {
    t_s: Math.round((performance.now() - start) / 100) / 10,
    sent: tally.sent,
    accepted: tally.accepted,
    queued: by("queued"),
    running: by("running"),
    succeeded: by("succeeded"),
    failed: by("failed") + by("budget_exceeded") + by("cancelled"),
    rss: Object.fromEntries(procs.map((p) => [p.label, rssMb(p.proc.pid)])),
    load_1m: loadavg()[0]!,
  };
}

/** Samples (times from `start`, a performance.now()) until no run of the tenant is queued or running, or `timeoutMs`. */
export async function drain(
  sql: Sql,
  tenantId: string,
  procs: { label: string; proc: ServeProcess }[],
  tally: SendTally,
  samples: LoadSample[],
  sampleMs: number,
  timeoutMs: number,
  start: number,
): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const s = await sample(sql, tenantId, procs, tally, start);
    samples.push(s);
    if (s.queued + s.running === 0 || performance.now() - t0 > timeoutMs)
      return (performance.now() - t0) / 1000;
    await sleep(sampleMs);
  }
}
