import type { App } from "../../server/http/app.ts";
import type { BullJobQueue } from "../../server/queue/bullmq.ts";
import type { MatrixRow } from "./api-cross-tenant.ts";

/** Bull Board's own routes (`@bull-board/api`), with B's job in every job slot. */
function boardRequests(jobId: string): { method: string; path: string }[] {
  const q = "jobs";
  return [
    { method: "GET", path: "" },
    { method: "GET", path: "/api/queues" },
    { method: "GET", path: `/api/queues?activeQueue=${q}&status=waiting` },
    { method: "GET", path: "/api/redis/stats" },
    { method: "GET", path: "/api/job-schedulers" },
    { method: "GET", path: `/api/queues/${q}/${jobId}` },
    { method: "GET", path: `/api/queues/${q}/${jobId}/logs` },
    { method: "GET", path: `/api/queues/${q}/metrics` },
    { method: "PUT", path: `/api/queues/${q}/${jobId}/retry` },
    { method: "PUT", path: `/api/queues/${q}/${jobId}/promote` },
    { method: "PUT", path: `/api/queues/${q}/${jobId}/clean` },
    { method: "PUT", path: `/api/queues/${q}/${jobId}/update-data` },
    { method: "PUT", path: `/api/queues/${q}/retry/failed` },
    { method: "PUT", path: `/api/queues/${q}/clean/waiting` },
    { method: "PUT", path: `/api/queues/${q}/empty` },
    { method: "PUT", path: `/api/queues/${q}/pause` },
    { method: "POST", path: `/api/queues/${q}/add` },
  ];
}

export interface BoardTenant {
  tenantId: string;
  /** A run id whose job waits in the queue. */
  runId: string;
  /** A key of the tenant with every scope, `admin` included. */
  adminKey: string;
}

/**
 * The Bull Board leg of the cross-tenant drill (BullMQ only: the board shows the queue's jobs of
 * every tenant). Tenant A's admin key — in the bearer header and as a browser's Basic password —
 * calls every board route with B's job id: each answer must be a refusal (401/403/404) holding
 * none of B's ids, and B's job must still wait in the queue, with its data unchanged.
 */
export async function bullBoardMatrix(
  board: App,
  queue: BullJobQueue,
  a: BoardTenant,
  b: BoardTenant,
): Promise<{ rows: MatrixRow[]; problems: string[] }> {
  const jobId = `run-${b.runId}`;
  const jobState = async () => {
    const states = await Promise.all(
      queue.bullQueues().map(async (q) => {
        const job = await q.getJob(jobId);
        return job ? { queue: q.name, state: await job.getState(), data: job.data as unknown } : null;
      }),
    );
    return JSON.stringify(states.filter((s) => s !== null));
  };
  const before = await jobState();
  if (!before.includes(b.runId))
    throw new Error(`bull board drill: tenant B's job ${jobId} is not in the queue`);
  const secrets = [b.tenantId, b.runId];
  const rows: MatrixRow[] = [];
  const problems: string[] = [];
  const auths = [`Bearer ${a.adminKey}`, `Basic ${Buffer.from(`ops:${a.adminKey}`).toString("base64")}`];
  for (const { method, path } of boardRequests(jobId)) {
    const statuses = new Map<number, number>();
    let leaks = 0;
    let opened = 0;
    for (const authorization of auths) {
      const res = await board.request(`/admin/queues${path}`, {
        method,
        headers: { authorization, "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (![401, 403, 404].includes(res.status)) opened++;
      if (secrets.some((s) => text.includes(s))) leaks++;
    }
    const route = `${method} /admin/queues${path.replace(jobId, "{job}")}`;
    if (opened > 0) problems.push(`${route}: tenant A's admin key was let in (${opened} of ${auths.length})`);
    if (leaks > 0) problems.push(`${route}: an answer to tenant A holds tenant B's ids`);
    const after = await jobState();
    const writes = after === before ? "none" : `job ${jobId}: ${before} → ${after}`;
    if (writes !== "none") problems.push(`${route}: tenant B's job changed (${writes})`);
    rows.push({
      route,
      slot: "bull board",
      calls: auths.length,
      answers: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
      unlike_missing: opened,
      leaks,
      writes,
    });
  }
  return { rows, problems };
}
