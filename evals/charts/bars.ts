import { el, svgDocument, text } from "./svg.ts";

/** One bar: a label, its value and, optionally, a limit drawn as a tick (e.g. a rep's capacity). */
export interface Bar {
  label: string;
  value: number;
  limit?: number;
}

/** Horizontal bar chart; a bar past its limit is drawn red. */
export function barChart(title: string, unit: string, bars: readonly Bar[]): string {
  const row = 18;
  const left = 180;
  const width = 360;
  const top = 34;
  const max = Math.max(1e-9, ...bars.map((b) => Math.max(b.value, b.limit ?? 0)));
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const y = top + i * row;
    const over = b.limit !== undefined && b.value > b.limit + 1e-9;
    parts.push(text(left - 6, y + 12, b.label, { "text-anchor": "end" }));
    parts.push(
      el("rect", {
        x: left,
        y: y + 2,
        width: (b.value / max) * width,
        height: row - 5,
        fill: over ? "#c0392b" : "#1f6fb4",
      }),
    );
    if (b.limit !== undefined) {
      const lx = left + (b.limit / max) * width;
      parts.push(el("line", { x1: lx, y1: y, x2: lx, y2: y + row - 1, stroke: "#333", "stroke-width": 2 }));
    }
    parts.push(text(left + (b.value / max) * width + 4, y + 12, `${Math.round(b.value * 10) / 10} ${unit}`));
  });
  return svgDocument(left + width + 120, top + bars.length * row + 16, title, parts);
}
