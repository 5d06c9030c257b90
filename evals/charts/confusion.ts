import type { ConfusionMatrix } from "../metrics/index.ts";
import { el, esc, svgDocument, text } from "./svg.ts";

/**
 * Confusion matrix as a heat map, each row shaded by its own share (recall per class), with
 * the counts written in when the cells are big enough to read.
 */
export function confusionChart(title: string, m: ConfusionMatrix): string {
  const k = m.labels.length;
  const cell = Math.max(6, Math.min(40, Math.floor(640 / k)));
  const labelled = cell >= 14;
  const left = labelled ? 170 : 20;
  const top = labelled ? 200 : 40;
  const parts: string[] = [];
  m.counts.forEach((row, g) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, p) => {
      const share = count / total;
      const hue = g === p ? "31,111,180" : "192,57,43";
      parts.push(
        el(
          "rect",
          {
            x: left + p * cell,
            y: top + g * cell,
            width: cell,
            height: cell,
            fill: `rgba(${hue},${share.toFixed(3)})`,
            stroke: "#eee",
          },
          `<title>${esc(`${m.labels[g]} → ${m.labels[p]}: ${count}`)}</title>`,
        ),
      );
      if (labelled && count > 0)
        parts.push(
          text(left + p * cell + cell / 2, top + g * cell + cell / 2 + 4, String(count), {
            "text-anchor": "middle",
            "font-size": 10,
          }),
        );
    });
    if (labelled)
      parts.push(text(left - 6, top + g * cell + cell / 2 + 4, m.labels[g]!, { "text-anchor": "end" }));
  });
  if (labelled)
    m.labels.forEach((l, p) => {
      const cx = left + p * cell + cell / 2;
      parts.push(text(cx, top - 6, l, { transform: `rotate(-60 ${cx} ${top - 6})` }));
    });
  parts.push(text(left, top + k * cell + 18, "rows: gold class · columns: predicted class"));
  return svgDocument(left + k * cell + 20, top + k * cell + 30, title, parts);
}
