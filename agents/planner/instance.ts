import { PlanInstanceError } from "./errors.ts";
import type { PlannerPolicy } from "./policy.ts";
import { MINUTE_MS } from "./time.ts";
import type { Match, PlanRep, PlanTask, Unassigned } from "./types.ts";
import { placementValue, valueToday } from "./value.ts";

/** A (task, rep) pair the plan may use. */
export interface Arc {
  task: number;
  rep: number;
  /** Objective weight: value today × match weight. */
  weight: number;
  /** Minutes from the rep's day start by which the task must end; Infinity when only capacity binds. */
  deadline: number;
  match: Match;
}

/** The assignment problem: tasks, reps, the pairs allowed, and what could go nowhere. */
export interface Instance {
  planDate: string;
  tasks: PlanTask[];
  reps: PlanRep[];
  arcs: Arc[];
  /** Value today per task index. */
  values: number[];
  /** Tasks no rep may take, and why (no role, no skill, cannot finish by its due time …). */
  excluded: Unassigned[];
}

/**
 * Builds the instance. A rep may take a task when their role takes the task's source, they have
 * the required skill, the task fits in their capacity, and it can end by its deadline. The
 * deadline is the due time, or the start of the day plus the overdue grace when the task is
 * overdue at day start (it cannot end by its due time even as the first task), rounded down to the policy's bucket; one at or beyond the
 * end of the rep's capacity is no deadline at all. The owner is always a candidate;
 * besides the owner at most `policy.candidatesPerTask` people who can take the task: the owner's
 * territory first, then the rest of the role ("pool"), each walked from a point fixed by the
 * task id so that the load spreads.
 */
export function buildInstance(
  planDate: string,
  tasks: PlanTask[],
  reps: PlanRep[],
  policy: PlannerPolicy,
): Instance {
  for (const r of reps)
    if (!(r.capacityMinutes >= 0) || !Number.isFinite(r.dayStart))
      throw new PlanInstanceError(
        `rep ${r.id} has capacity ${r.capacityMinutes} and day start ${r.dayStart}`,
      );
  const arcs: Arc[] = [];
  const excluded: Unassigned[] = [];
  const values = tasks.map((t) => valueToday(t, planDate, policy));
  const people = peopleIndex(reps);
  tasks.forEach((task, ti) => {
    if (!(task.minutes > 0)) throw new PlanInstanceError(`task ${task.id} has ${task.minutes} minutes`);
    const roles = policy.roles[task.source];
    const eligible = people.ofRoles(roles ?? []);
    if (eligible.length === 0) {
      excluded.push({
        taskId: task.id,
        reason: reps.length === 0 ? "no reps" : `no ${roles?.join("/") ?? `role for ${task.source}`}`,
      });
      return;
    }
    const skill = task.requiredSkill ?? policy.skillByType[task.type] ?? null;
    const reasons = new Set<string>();
    const mine: Arc[] = [];
    const tried = new Set<number>();
    const inRole = (ri: number) => roles!.includes(reps[ri]!.role);
    const tryRep = (ri: number, match: Match): boolean => {
      tried.add(ri);
      const rep = reps[ri]!;
      const deadline = deadlineFor(task, rep, policy);
      const refused =
        skill && !rep.skills.includes(skill)
          ? `needs skill ${skill}`
          : task.minutes > rep.capacityMinutes
            ? "longer than any capacity"
            : task.minutes > deadline
              ? "cannot end by its due time"
              : null;
      if (refused) {
        reasons.add(refused);
        return false;
      }
      mine.push({ task: ti, rep: ri, weight: placementValue(values[ti]!, match, policy), deadline, match });
      return true;
    };
    const owner = task.ownerId ? people.byId.get(task.ownerId) : undefined;
    if (owner !== undefined && inRole(owner)) tryRep(owner, "owner");
    // then the owner's territory, then the rest of the role (the pool), each walked from a point
    // fixed by the task id, until enough people besides the owner can take it
    const start = hash32(task.id);
    let others = 0;
    const walk = (candidates: number[], match: Match) => {
      for (let k = 0; k < candidates.length && others < policy.candidatesPerTask; k++) {
        const ri = candidates[(start + k) % candidates.length]!;
        if (!tried.has(ri) && inRole(ri) && tryRep(ri, match)) others += 1;
      }
    };
    walk(people.inTerritories(task.territories), "territory");
    walk(eligible, "pool");
    if (mine.length === 0) excluded.push({ taskId: task.id, reason: [...reasons].join("; ") });
    for (const arc of mine.sort((a, b) => a.rep - b.rep)) arcs.push(arc);
  });
  return { planDate, tasks, reps, arcs, values, excluded };
}

/** Rep indices by role (in rep order), by territory and by id. */
function peopleIndex(reps: PlanRep[]) {
  const byRole = new Map<string, number[]>();
  const byTerritory = new Map<string, number[]>();
  const byId = new Map<string, number>();
  reps.forEach((rep, ri) => {
    byRole.set(rep.role, [...(byRole.get(rep.role) ?? []), ri]);
    for (const t of rep.territories) byTerritory.set(t, [...(byTerritory.get(t) ?? []), ri]);
    // (spread, not push: a few thousand people at most)
    byId.set(rep.id, ri);
  });
  const ofRolesCache = new Map<string, number[]>();
  const inTerritoriesCache = new Map<string, number[]>();
  return {
    byId,
    inTerritories(territories: string[]): number[] {
      const key = territories.join("\u0000");
      let found = inTerritoriesCache.get(key);
      if (!found) {
        found = [...new Set(territories.flatMap((t) => byTerritory.get(t) ?? []))].sort((a, b) => a - b);
        inTerritoriesCache.set(key, found);
      }
      return found;
    },
    ofRoles(roles: string[]): number[] {
      const key = roles.join("\u0000");
      let found = ofRolesCache.get(key);
      if (!found) {
        found = roles.flatMap((r) => byRole.get(r) ?? []).sort((a, b) => a - b);
        ofRolesCache.set(key, found);
      }
      return found;
    },
  };
}

/** FNV-1a of a string: where a task's walk through the pool starts. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function deadlineFor(task: PlanTask, rep: PlanRep, policy: PlannerPolicy): number {
  if (!task.dueAt) return Infinity;
  const minutes = (Date.parse(task.dueAt) - rep.dayStart) / MINUTE_MS;
  // a due time the day can still keep is kept; one already past (even as the first task) becomes
  // "within the grace of day start" — late work is still done first, not dropped
  const effective = minutes >= task.minutes ? minutes : policy.overdueGraceMinutes;
  if (effective >= rep.capacityMinutes) return Infinity;
  return Math.floor(effective / policy.deadlineBucketMinutes) * policy.deadlineBucketMinutes;
}
