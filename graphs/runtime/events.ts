/** A run event derived from one streamed graph update. */
export interface UpdateEvent {
  type: "node_finished" | "interrupted";
  data: Record<string, unknown>;
}

/**
 * Turns a `streamMode: "updates"` chunk into run events: which node finished and which state
 * keys it wrote (not the values: events are a progress feed, outputs live in their tables),
 * or the values an `interrupt()` is waiting on.
 */
export function summariseUpdate(update: Record<string, unknown>): UpdateEvent[] {
  return Object.entries(update).map(([node, value]) =>
    node === "__interrupt__"
      ? { type: "interrupted", data: { interrupts: (value as { value: unknown }[]).map((i) => i.value) } }
      : {
          type: "node_finished",
          data: { node, wrote: value && typeof value === "object" ? Object.keys(value) : [] },
        },
  );
}
