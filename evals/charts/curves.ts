import type { DecileBin, RocPoint } from "../metrics/index.ts";
import { el, polyline, svgDocument, text, unitAxes } from "./svg.ts";

const SIZE = 320;
const MARGIN = 60;
const WIDTH = SIZE + 2 * MARGIN;

/** ROC curve with the chance diagonal and the AUC in the corner. */
export function rocChart(title: string, curve: readonly RocPoint[], auc: number): string {
  const { x, y, parts } = unitAxes(SIZE, MARGIN, "false positive rate", "true positive rate");
  parts.push(
    polyline(
      curve.map((p) => [x(p.fpr), y(p.tpr)]),
      { stroke: "#1f6fb4", "stroke-width": 2 },
    ),
  );
  parts.push(text(x(0.95), y(0.05), `AUC ${auc.toFixed(3)}`, { "text-anchor": "end", "font-size": 12 }));
  return svgDocument(WIDTH, WIDTH, title, parts);
}

/** Reliability diagram: each decile's mean prediction against its observed rate. */
export function calibrationChart(title: string, deciles: readonly DecileBin[]): string {
  const { x, y, parts } = unitAxes(SIZE, MARGIN, "mean predicted probability", "observed rate");
  parts.push(
    polyline(
      deciles.map((d) => [x(d.meanPredicted), y(d.observedRate)]),
      { stroke: "#c0392b", "stroke-width": 1.5 },
    ),
  );
  for (const d of deciles)
    parts.push(el("circle", { cx: x(d.meanPredicted), cy: y(d.observedRate), r: 3.5, fill: "#c0392b" }));
  return svgDocument(WIDTH, WIDTH, title, parts);
}
