import { collectDefaultMetrics, Gauge, Registry, type Metric } from "prom-client";
import { llmUsageByAgent, runDurations, runsByAgentAndStatus } from "../../db/queries/api-metrics.ts";
import type { AppContext } from "./context.ts";

/** Bucket bounds of run durations, in seconds: agent runs take from a second to many minutes. */
export const DURATION_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

/**
 * A metric whose samples are computed at scrape time (from the store); prom-client formats it
 * like its own. Used for the histogram and the counter, whose values the store already holds.
 */
function computed(
  name: string,
  help: string,
  type: "counter" | "histogram",
  samples: () => Promise<Sample[]>,
): Metric {
  const get = async () => ({ name, help, type, aggregator: "sum", values: await samples() });
  return { name, help, type, aggregator: "sum", get } as unknown as Metric;
}

/**
 * The Prometheus registry of one app: run counts by agent and status, run durations and LLM
 * tokens (all read from the store at scrape time, so every API replica reports the same numbers),
 * queue jobs by state (from the queue), and this process's default Node metrics.
 */
export function createMetrics({ deps, queue }: Pick<AppContext, "deps" | "queue">): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: "crm_runs",
    help: "Agent runs in the store, by agent and status",
    labelNames: ["agent", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await runsByAgentAndStatus(deps.sql))
        this.set({ agent: r.agent, status: r.status }, r.runs);
    },
  });
  new Gauge({
    name: "crm_queue_jobs",
    help: "Jobs in the queue, by state",
    labelNames: ["state", "queue"],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await queue.counts();
      for (const [state, n] of Object.entries(counts)) this.set({ state, queue: queue.kind }, n);
    },
  });
  registry.registerMetric(
    computed(
      "crm_run_duration_seconds",
      "Wall time of finished agent runs, start to finish",
      "histogram",
      async (): Promise<Sample[]> =>
        (await runDurations(deps.sql, DURATION_BUCKETS)).flatMap((h): Sample[] => [
          ...DURATION_BUCKETS.map((le, i) => ({
            metricName: "crm_run_duration_seconds_bucket",
            labels: { agent: h.agent, le },
            value: h.buckets[i]!,
          })),
          {
            metricName: "crm_run_duration_seconds_bucket",
            labels: { agent: h.agent, le: "+Inf" },
            value: h.count,
          },
          { metricName: "crm_run_duration_seconds_sum", labels: { agent: h.agent }, value: h.sum },
          { metricName: "crm_run_duration_seconds_count", labels: { agent: h.agent }, value: h.count },
        ]),
    ),
  );
  registry.registerMetric(
    computed(
      "crm_llm_tokens_total",
      "LLM tokens used by agent runs, by agent and direction",
      "counter",
      async () =>
        (await llmUsageByAgent(deps.sql)).flatMap((u) => [
          { labels: { agent: u.agent, direction: "input" }, value: u.input_tokens },
          { labels: { agent: u.agent, direction: "output" }, value: u.output_tokens },
        ]),
    ),
  );
  registry.registerMetric(
    computed("crm_llm_calls_total", "LLM calls made by agent runs, by agent", "counter", async () =>
      (await llmUsageByAgent(deps.sql)).map((u) => ({ labels: { agent: u.agent }, value: u.calls })),
    ),
  );
  return registry;
}
