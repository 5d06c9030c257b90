/**
 * A CPU profile of part of a benchmark (node:inspector, the same sampler as `node --cpu-prof`),
 * summarised as self time per kind of code: the embedded database (PGlite's WASM and JS), the
 * driver, LangGraph, LangChain, the app's own folders, garbage collection, idle (waiting on
 * another process, e.g. a Postgres server).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// writeBuffer is both fs.writeSync and a socket write: on Postgres these are mostly the socket
const IO_CALLS = new Set(
  "writeBuffer writeString unlink open close read lstat fstat stat rmdir mkdir readdir rename ftruncate fsync fdatasync readFileUtf8 utimes".split(
    " ",
  ),
);

/** The kind of code a frame is, or null for the profiler's own start and stop (left out). */
function category({ url, functionName }: CallFrame): string | null {
  if (!url) {
    if (functionName === "dispatch") return null;
    if (functionName === "(idle)") return "idle (waiting on I/O)";
    if (functionName === "(garbage collector)") return "garbage collector";
    if (functionName.startsWith("(")) return `V8 ${functionName}`;
    if (IO_CALLS.has(functionName)) return "native I/O calls (socket writes, PGlite's files)";
    return "native builtins";
  }
  if (url.startsWith("wasm://")) return "PGlite (WASM)";
  if (url.includes("@electric-sql/pglite")) return "PGlite (JS)";
  if (url.includes("node_modules/postgres/") || url.includes("node_modules/postgres-array"))
    return "postgres.js driver";
  if (url.includes("node_modules/pg")) return "pg type parsers (checkpointer adapter)";
  if (url.includes("langgraph-checkpoint")) return "LangGraph checkpoint saver and serde";
  if (url.includes("@langchain/langgraph")) return "LangGraph";
  if (url.includes("@langchain/core") || url.includes("node_modules/langsmith"))
    return "LangChain core, callbacks";
  if (url.includes("node_modules/zod")) return "zod";
  if (url.includes("node_modules/")) return `npm: ${url.split("node_modules/")[1]!.split("/")[0]}`;
  if (url.startsWith("node:")) return "Node internals (streams, timers, crypto)";
  const app = url.match(/\/(agents|db|graphs|memory|models|tools|server|bench)\//);
  return app ? `app: ${app[1]}/` : "other";
}

/** Runs `fn` under the CPU profiler; returns its result and self time (ms) per category. */
export async function profiled<T>(
  fn: () => Promise<T>,
  saveTo?: string,
): Promise<{ result: T; categories: Record<string, number>; totalMs: number }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  let result: T;
  let profile!: CpuProfile;
  try {
    result = await fn();
  } finally {
    ({ profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile });
    session.disconnect();
  }
  if (saveTo) writeFileSync(saveTo, JSON.stringify(profile));
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const us = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const c = category(frames.get(id)!);
    if (c === null) return;
    total += dt;
    us.set(c, (us.get(c) ?? 0) + dt);
  });
  const categories = Object.fromEntries(
    [...us.entries()].sort((a, b) => b[1] - a[1]).map(([c, t]) => [c, Math.round(t / 100) / 10]),
  );
  return { result, categories, totalMs: total / 1000 };
}
