import type { Rng } from "./random.ts";

/** A subject and a body with `{slot}` placeholders. */
export interface TextTemplate {
  subject: string;
  body: string;
}

/** Replaces every `{slot}` with its value (an unknown slot becomes an empty string). */
export function fill(template: string, slots: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(slots[key] ?? ""));
}

/** A random template filled with `slots`. */
export function render(
  rng: Rng,
  templates: readonly TextTemplate[],
  slots: Readonly<Record<string, string | number>>,
): TextTemplate {
  const t = rng.pick(templates);
  return { subject: fill(t.subject, slots), body: fill(t.body, slots) };
}
