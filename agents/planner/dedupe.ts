import type { PlanTask } from "./types.ts";

/** What deduplication kept and what it dropped (task id → the id it was merged into). */
export interface Deduped {
  tasks: PlanTask[];
  dropped: { taskId: string; keptId: string; why: string }[];
}

/**
 * One task per piece of work. The store already merges proposals with the same dedupe key into
 * one open task; here a task id proposed twice (two batches, or a retried batch) counts once,
 * and two tasks of the same type about the same entity (e.g. an older open task under another
 * reason code) keep the one with the higher expected value (then the earlier due, then the id).
 */
export function dedupeTasks(candidates: PlanTask[]): Deduped {
  const byId = new Map<string, PlanTask>();
  const dropped: Deduped["dropped"] = [];
  for (const t of candidates) {
    const seen = byId.get(t.id);
    if (!seen || t.expectedValue > seen.expectedValue) byId.set(t.id, t);
  }
  const byWork = new Map<string, PlanTask>();
  for (const t of [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const key = `${t.type}:${t.entityKind}:${t.entityId}`;
    const seen = byWork.get(key);
    if (!seen) {
      byWork.set(key, t);
      continue;
    }
    const [keep, drop] = better(t, seen) ? [t, seen] : [seen, t];
    byWork.set(key, keep);
    dropped.push({
      taskId: drop.id,
      keptId: keep.id,
      why: `same ${t.type} on ${t.entityKind} ${t.entityId}`,
    });
  }
  return { tasks: [...byWork.values()], dropped };
}

function better(a: PlanTask, b: PlanTask): boolean {
  if (a.expectedValue !== b.expectedValue) return a.expectedValue > b.expectedValue;
  const due = (t: PlanTask) => (t.dueAt ? Date.parse(t.dueAt) : Infinity);
  if (due(a) !== due(b)) return due(a) < due(b);
  return a.id < b.id;
}
