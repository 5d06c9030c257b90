import type { SupportPolicy } from "./policy.ts";

/** A support person as routing sees them: skills, capacity and the tickets they hold now. */
export interface RosterPerson {
  id: string;
  name: string;
  skills: string[];
  capacity_hours_per_day: number;
  time_zone: string;
  /** Open, pending or on-hold tickets assigned to them right now. */
  open_tickets: number;
}

/** Where a ticket goes: a person (or nobody, with why) and the reasons. */
export interface RouteDecision {
  assigneeId: string | null;
  assigneeName: string | null;
  reason: string;
}

/** Most open tickets a person may hold: capacity hours × tickets per capacity hour. */
export const openLimit = (p: RosterPerson, policy: SupportPolicy) =>
  Math.max(1, Math.floor(p.capacity_hours_per_day * policy.routing.ticketsPerCapacityHour));

/** The skills a ticket needs: its queue, and `language:<code>` for a language other than English. */
export const neededSkills = (queue: string, language: string): string[] =>
  language === "en" ? [queue] : [queue, `language:${language}`];

/**
 * Picks the person for a ticket: among people under their open-ticket limit, the most needed
 * skills matched first, then the lowest load (open tickets ÷ limit), then id. Nobody has a needed
 * skill: the least loaded person with room. Everybody full: nobody (the ticket stays in the
 * queue). Pure: the caller adds the ticket to the person's load before routing the next one, so a
 * busy person gets fewer tickets of a batch.
 */
export function routeTicket(
  skills: string[],
  roster: readonly RosterPerson[],
  policy: SupportPolicy,
): RouteDecision {
  const free = roster.filter((p) => p.open_tickets < openLimit(p, policy));
  if (free.length === 0)
    return {
      assigneeId: null,
      assigneeName: null,
      reason:
        roster.length === 0
          ? "no active support people"
          : `all ${roster.length} support people are at capacity`,
    };
  const matched = (p: RosterPerson) => skills.filter((s) => p.skills.includes(s)).length;
  const load = (p: RosterPerson) => p.open_tickets / openLimit(p, policy);
  const best = [...free].sort(
    (a, b) => matched(b) - matched(a) || load(a) - load(b) || a.id.localeCompare(b.id),
  )[0]!;
  const m = skills.filter((s) => best.skills.includes(s));
  return {
    assigneeId: best.id,
    assigneeName: best.name,
    reason:
      `${best.name}: ${m.length ? `skills ${m.join(", ")}` : `nobody free has ${skills.join(" or ")}`}; ` +
      `${best.open_tickets} of ${openLimit(best, policy)} open tickets`,
  };
}

/** Whether a person is within working hours at `now`, in their own time zone. */
export function inWorkingHours(p: RosterPerson, now: Date, policy: SupportPolicy): boolean {
  const hour = localHour(now, p.time_zone);
  return hour >= policy.routing.workStartHour && hour < policy.routing.workEndHour;
}

function localHour(now: Date, timeZone: string): number {
  try {
    const h = new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(now);
    return Number(h);
  } catch {
    return now.getUTCHours(); // an unknown zone name: UTC rather than failing the run
  }
}

/**
 * People who could answer a queue now: the skill, room under their limit, and working hours.
 * Used by the SLA model as availability.
 */
export function availableFor(
  queue: string,
  roster: readonly RosterPerson[],
  now: Date,
  policy: SupportPolicy,
): RosterPerson[] {
  return roster.filter(
    (p) =>
      p.skills.includes(queue) && p.open_tickets < openLimit(p, policy) && inWorkingHours(p, now, policy),
  );
}
