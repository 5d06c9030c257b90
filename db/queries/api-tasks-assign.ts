import type postgres from "postgres";

type Tx = postgres.TransactionSql;

/**
 * Who may take a task, as the nightly planner decides it: the roles that take each source agent's
 * tasks, and the skill a task type needs when the task names none (agents/planner/policy.ts).
 */
export interface AssignRules {
  rolesBySource: Record<string, string[]>;
  skillByType: Record<string, string>;
}

/** Why a person cannot take a task: a stable code, a message naming the reason, the field it is about. */
export interface AssignRefusal {
  status: 404 | 409;
  code: string;
  message: string;
  field: "id" | "assignee_id";
}

/** What the capacity check saw: the day the task falls on for the person, and their load that day. */
export interface AssignCheck {
  day: string;
  load_minutes: number;
  capacity_minutes: number;
  task_minutes: number;
}

interface TaskFacts {
  status: string;
  source_agent: string;
  type: string;
  required_skill: string | null;
  estimated_minutes: number;
  assignee_id: string | null;
}

interface PersonFacts {
  name: string;
  role: string;
  active: boolean;
  capacity_minutes: number;
  skills: string[];
}

/**
 * The day a task falls on for a person, in their time zone: the plan's day when a plan holds it,
 * else its due date, else today — never before today (overdue work is today's). Their load that
 * day: the estimated minutes of their other open and in-progress tasks falling on the same day.
 */
async function dayLoad(tx: Tx, tenantId: string, taskId: string, personId: string, now: Date) {
  const [row] = await tx<{ day: string; load_minutes: number }[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
      coalesce((SELECT sum(o.estimated_minutes) FROM tasks o LEFT JOIN plans op ON op.id = o.plan_id
                WHERE o.tenant_id = ${tenantId} AND o.assignee_id = ${personId} AND o.id <> ${taskId}
                  AND o.status IN ('open', 'in_progress')
                  AND greatest(d.today, coalesce(op.plan_date, (o.due_at AT TIME ZONE d.tz)::date, d.today)) = d.day), 0)::int
        AS load_minutes
    FROM (SELECT z.tz, z.today, greatest(z.today, coalesce(p.plan_date, (t.due_at AT TIME ZONE z.tz)::date, z.today)) AS day
          FROM tasks t LEFT JOIN plans p ON p.id = t.plan_id,
               (SELECT u.time_zone AS tz, (${now}::timestamptz AT TIME ZONE u.time_zone)::date AS today
                FROM users u WHERE u.id = ${personId}) z
          WHERE t.id = ${taskId}) d`;
  return row!;
}

/** Why `person` may not take `task` under `rules`, or null when they may (before capacity). */
function misfit(task: TaskFacts, person: PersonFacts, rules: AssignRules): AssignRefusal | null {
  const refuse = (code: string, message: string): AssignRefusal => ({
    status: 409,
    code,
    message,
    field: "assignee_id",
  });
  if (!person.active) return refuse("ASSIGNEE_INACTIVE", `${person.name} is not active`);
  const roles = rules.rolesBySource[task.source_agent];
  if (roles && !roles.includes(person.role))
    return refuse(
      "ASSIGNEE_ROLE",
      `${task.source_agent} tasks go to ${roles.join(" or ")}; ${person.name} is ${person.role}`,
    );
  const skill = task.required_skill ?? rules.skillByType[task.type] ?? null;
  if (skill && !person.skills.includes(skill))
    return refuse("ASSIGNEE_SKILL", `the task needs the skill ${skill}, which ${person.name} does not have`);
  return null;
}

/**
 * Checks that `personId` may take task `taskId` — active, of a role that takes the task's source,
 * with the skill it needs, and with room for its minutes on its day within their capacity — and
 * assigns it (null: unassigns, no checks). A plan's placement of the task for someone else is
 * removed (the task keeps its plan, so its day stays the plan's day, but no longer the planner run
 * as who assigned it); the change is audited.
 * Returns null for an unknown task; a refusal names why.
 */
export async function reassignTask(
  tx: Tx,
  tenantId: string,
  taskId: string,
  personId: string | null,
  ctx: { actor: string; now: Date; rules: AssignRules },
): Promise<{ refused: AssignRefusal } | { check: AssignCheck | null } | null> {
  const [task] = await tx<TaskFacts[]>`
    SELECT status, source_agent, type, required_skill, estimated_minutes, assignee_id
    FROM tasks WHERE tenant_id = ${tenantId} AND id = ${taskId} FOR UPDATE`;
  if (!task) return null;
  if (task.status !== "open" && task.status !== "in_progress")
    return {
      refused: {
        status: 409,
        code: "TASK_CLOSED",
        message: `task ${taskId} is ${task.status}: only open or in-progress tasks are reassigned`,
        field: "id",
      },
    };
  let check: AssignCheck | null = null;
  if (personId !== null) {
    const [person] = await tx<PersonFacts[]>`
      SELECT name, role, active, (capacity_hours_per_day * 60)::float8 AS capacity_minutes, skills
      FROM users WHERE tenant_id = ${tenantId} AND id = ${personId}`;
    if (!person)
      return {
        refused: {
          status: 404,
          code: "PERSON_NOT_FOUND",
          message: `person ${personId} not found`,
          field: "assignee_id",
        },
      };
    const refusal = misfit(task, person, ctx.rules);
    if (refusal) return { refused: refusal };
    const { day, load_minutes } = await dayLoad(tx, tenantId, taskId, personId, ctx.now);
    check = {
      day,
      load_minutes,
      capacity_minutes: person.capacity_minutes,
      task_minutes: task.estimated_minutes,
    };
    if (load_minutes + task.estimated_minutes > person.capacity_minutes)
      return {
        refused: {
          status: 409,
          code: "ASSIGNEE_OVER_CAPACITY",
          message:
            `${person.name} has ${load_minutes} of ${person.capacity_minutes} minutes taken on ${day}; ` +
            `this task needs ${task.estimated_minutes} more`,
          field: "assignee_id",
        },
      };
  }
  // a person's choice is no plan's: the planner run that placed it no longer assigned it
  await tx`UPDATE tasks SET assignee_id = ${personId}, updated_at = now(),
             assigned_run_id = CASE WHEN assignee_id IS DISTINCT FROM ${personId}::uuid THEN NULL ELSE assigned_run_id END
           WHERE id = ${taskId}`;
  await tx`DELETE FROM plan_assignments
           WHERE tenant_id = ${tenantId} AND task_id = ${taskId} AND user_id IS DISTINCT FROM ${personId}::uuid`;
  await tx`INSERT INTO audit_log (tenant_id, actor, action, entity_kind, entity_id, details)
           VALUES (${tenantId}, ${ctx.actor}, 'task.reassigned', 'task', ${taskId},
                   ${tx.json({ from: task.assignee_id, to: personId, ...(check ?? {}) })})`;
  return { check };
}
