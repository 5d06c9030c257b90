import type { PlanTaskNow } from "./plan-data.ts";

/** GET /v1/plans/{date} as the plan page reads it. */
export interface PlanAnswer {
  plan: {
    id: string;
    plan_date: string;
    status: string;
    method: string | null;
    objective: number | null;
    bound: number | null;
    bound_source: string | null;
    gap: number | null;
    fallback: string | null;
    stats: Record<string, unknown>;
  };
  reps: {
    user_id: string;
    name: string;
    role: string;
    capacity_minutes: number;
    planned_minutes: number;
    tasks: {
      task_id: string;
      starts_at: string;
      ends_at: string;
      minutes: number;
      value: number;
      match: string;
      title: string;
      type: string;
      due_at: string | null;
    }[];
  }[];
}

const hhmm = (iso: string) => iso.slice(11, 16);

type Rep = PlanAnswer["reps"][number];
type PlanTask = Rep["tasks"][number];

/**
 * The plan's lanes, with each task in the lane of the person who has it now: a task reassigned
 * after the plan was made moves to its new person's lane (the capacity bars stay the plan's own
 * figures, as GET /v1/plans/{date} answers them).
 */
export function lanesOf(
  reps: Rep[],
  now: Map<string, PlanTaskNow>,
  people: { id: string; name: string; role: string; capacity_hours_per_day: number }[],
) {
  const lanes = new Map<string, { rep: Rep; placed: { task: PlanTask; from: string | null }[] }>();
  for (const rep of reps) lanes.set(rep.user_id, { rep, placed: [] });
  for (const rep of reps)
    for (const task of rep.tasks) {
      const holder = now.get(task.task_id)?.assignee_id ?? rep.user_id;
      let lane = lanes.get(holder);
      const person = people.find((p) => p.id === holder);
      if (!lane && person) {
        const empty = {
          user_id: person.id,
          name: person.name,
          role: person.role,
          capacity_minutes: person.capacity_hours_per_day * 60,
          planned_minutes: 0,
          tasks: [],
        };
        lanes.set(holder, (lane = { rep: empty, placed: [] }));
      }
      (lane ?? lanes.get(rep.user_id)!).placed.push({
        task,
        from: lane && holder !== rep.user_id ? rep.name : null,
      });
    }
  // placed by the plan, then reassigned: the placement is gone, the task is in its new person's lane
  for (const t of now.values()) {
    if (!t.reassigned || !t.assignee_id || !["open", "in_progress"].includes(t.status)) continue;
    let lane = lanes.get(t.assignee_id);
    const person = people.find((p) => p.id === t.assignee_id);
    if (!lane && person) {
      const empty = {
        user_id: person.id,
        name: person.name,
        role: person.role,
        capacity_minutes: person.capacity_hours_per_day * 60,
        planned_minutes: 0,
        tasks: [],
      };
      lanes.set(person.id, (lane = { rep: empty, placed: [] }));
    }
    const task = {
      task_id: t.id,
      starts_at: "",
      ends_at: "",
      minutes: t.estimated_minutes,
      value: t.priority_value,
      match: "reassigned after the plan",
      title: t.title,
      type: t.type,
      due_at: t.due_at ? new Date(t.due_at).toISOString() : null,
    };
    lane?.placed.push({ task, from: null });
  }
  return [...lanes.values()].map((l) => ({
    ...l,
    placed: l.placed.sort((a, b) => (a.task.starts_at || "~").localeCompare(b.task.starts_at || "~")),
  }));
}

export function TaskRow(props: {
  task: PlanTask;
  now: PlanTaskNow | undefined;
  /** the person the plan gave it to, when someone else has it now */
  from: string | null;
  laneUser: string;
  people: { id: string; name: string; role: string }[];
  write: boolean;
  csrf: string;
  date: string;
}) {
  const { task: t, now } = props;
  return (
    <div class="task" data-task={t.task_id}>
      <div>
        <strong>{t.starts_at ? `${hhmm(t.starts_at)}–${hhmm(t.ends_at)}` : "any time"}</strong> {t.title}{" "}
        {now && now.status !== "open" && <span class={`pill ${now.status}`}>{now.status}</span>}
      </div>
      <div class="meta">
        {now?.reason ?? t.type} · value {t.value.toFixed(0)} · {t.minutes} min · {t.match}
        {t.due_at && <> · due {t.due_at.slice(0, 16).replace("T", " ")}</>}
        {props.from && (
          <>
            {" "}
            · <strong>reassigned from {props.from}</strong>
          </>
        )}
      </div>
      {props.write && (
        <form
          class="row"
          method="post"
          action={`/app/plan/tasks/${t.task_id}`}
          hx-post={`/app/plan/tasks/${t.task_id}`}
          hx-target={`#task-msg-${t.task_id}`}
        >
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="date" value={props.date} />
          <label>
            Reassign to
            <select name="assignee_id">
              {props.people.map((p) => (
                <option value={p.id} selected={p.id === (now?.assignee_id ?? props.laneUser)}>
                  {p.name} ({p.role})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" name="action" value="reassign">
            Reassign
          </button>
          <button type="submit" name="action" value="done">
            Mark done
          </button>
          <span id={`task-msg-${t.task_id}`} aria-live="polite"></span>
        </form>
      )}
    </div>
  );
}
