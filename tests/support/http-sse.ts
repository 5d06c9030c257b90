/** One Server-Sent Event as a client sees it. */
export interface SseEvent {
  id: string | null;
  event: string | null;
  data: string;
}

/** Parses a text/event-stream body into its events (comment lines are skipped). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split(/\n\n/)
    .map((block) => block.split("\n").filter((line) => line !== "" && !line.startsWith(":")))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) =>
        lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ""));
      return { id: field("id")[0] ?? null, event: field("event")[0] ?? null, data: field("data").join("\n") };
    });
}
