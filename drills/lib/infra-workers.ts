// Real `crm serve --role worker` processes for the infrastructure drills: started, watched, killed.
import { spawn, type ChildProcess } from "node:child_process";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../server/cli/main.ts", import.meta.url));

export interface WorkerEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  WORKER_CONCURRENCY: number;
  /** A dead worker's jobs go to others after this (JOB_LOCK_MS, also the stalled-check interval). */
  JOB_LOCK_MS: number;
  DB_POOL_MAX?: number;
}

export interface WorkerProcess {
  label: string;
  pid: number;
  /** BullMQ's name for it (job.processedBy): `<host>:<pid>`. */
  queueName: string;
  child: ChildProcess;
  /** How it ended: `signal SIGKILL`, `exit 0` …; null while it runs. */
  ended: string | null;
  /** Set when the drill stops it on purpose (a death otherwise fails the drill at once). */
  stopped: boolean;
  /** Log messages at warn or above, counted by message. */
  warnings: Map<string, number>;
  /** The last lines of stderr that were not JSON logs (a crash's stack). */
  tail: string[];
}

/**
 * Starts `crm serve --role worker` (node + tsx, as `crm` runs) with the given environment and
 * resolves once it printed that its worker runs; rejects if it exits first.
 */
export function startWorker(label: string, env: WorkerEnv): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "serve", "--role", "worker"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "2000",
      DB_POOL_MAX: "4",
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const worker: WorkerProcess = {
    label,
    pid: child.pid!,
    queueName: `${hostname()}:${child.pid}`,
    child,
    ended: null,
    stopped: false,
    warnings: new Map(),
    tail: [],
  };
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    const lines = stderr.split("\n");
    stderr = lines.pop()!;
    for (const line of lines) noteLog(worker, line);
  });
  child.once("exit", (code, signal) => (worker.ended = signal ? `signal ${signal}` : `exit ${code}`));
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("crm serve (worker)")) resolve(worker);
    });
    child.once("exit", () =>
      reject(
        new Error(`worker ${label} exited (${worker.ended}) before it started:\n${worker.tail.join("\n")}`),
      ),
    );
  });
}

function noteLog(worker: WorkerProcess, line: string): void {
  if (!line.trim()) return;
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    if ((entry.level ?? 0) >= 40) {
      const msg = entry.msg ?? "(no message)";
      worker.warnings.set(msg, (worker.warnings.get(msg) ?? 0) + 1);
    }
  } catch {
    worker.tail.push(line);
    if (worker.tail.length > 40) worker.tail.shift();
  }
}

/** Sends `signal` and waits for the process to exit. */
export async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  worker.stopped = true;
  if (worker.ended) return;
  const exited = new Promise((resolve) => worker.child.once("exit", resolve));
  worker.child.kill(signal);
  await exited;
}

/** `label: message ×n, …` for the report. */
export function warningSummary(workers: WorkerProcess[]): Record<string, Record<string, number>> {
  return Object.fromEntries(workers.map((w) => [w.label, Object.fromEntries(w.warnings)]));
}

/** Thrown while waiting when a worker died that the drill did not stop: there is no point waiting. */
export class WorkerDiedError extends Error {
  constructor(worker: WorkerProcess) {
    super(
      `worker ${worker.label} (pid ${worker.pid}) died on its own (${worker.ended}); its last stderr lines:\n` +
        worker.tail.slice(-25).join("\n"),
    );
    this.name = "WorkerDiedError";
  }
}

export function assertWorkersAlive(workers: WorkerProcess[]): void {
  const dead = workers.find((w) => w.ended && !w.stopped);
  if (dead) throw new WorkerDiedError(dead);
}
