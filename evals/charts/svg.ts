// A small SVG writer: just enough markup for the eval charts, escaped, with fixed number formatting
// so the same numbers always give the same bytes.

/** Escapes text for SVG content and attribute values. */
export const esc = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

type Attrs = Record<string, string | number>;
const attrs = (a: Attrs) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? n(v) : esc(v)}"`)
    .join("");

export const el = (name: string, a: Attrs, body?: string): string =>
  body === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;

export const text = (x: number, y: number, content: string, a: Attrs = {}): string =>
  el("text", { x, y, "font-size": 11, ...a }, esc(content));

export const polyline = (points: [number, number][], a: Attrs): string =>
  el("polyline", { points: points.map(([x, y]) => `${n(x)},${n(y)}`).join(" "), fill: "none", ...a });

/** The SVG document around `body`, with a title and a white background. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${esc(title)}</title>`,
    el("rect", { x: 0, y: 0, width, height, fill: "#fff" }),
    text(width / 2, 18, title, { "text-anchor": "middle", "font-size": 13, "font-weight": "bold" }),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/** A square plot area mapping [0, 1] × [0, 1] to pixels, with axes, ticks and labels. */
export function unitAxes(size: number, margin: number, xLabel: string, yLabel: string) {
  const x = (v: number) => margin + v * size;
  const y = (v: number) => margin + size - v * size;
  const parts = [
    el("rect", { x: margin, y: margin, width: size, height: size, fill: "none", stroke: "#333" }),
  ];
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    parts.push(el("line", { x1: x(t), y1: y(0), x2: x(t), y2: y(0) + 4, stroke: "#333" }));
    parts.push(text(x(t), y(0) + 16, t.toFixed(1), { "text-anchor": "middle" }));
    parts.push(el("line", { x1: x(0) - 4, y1: y(t), x2: x(0), y2: y(t), stroke: "#333" }));
    parts.push(text(x(0) - 7, y(t) + 4, t.toFixed(1), { "text-anchor": "end" }));
  }
  parts.push(text(x(0.5), y(0) + 32, xLabel, { "text-anchor": "middle" }));
  parts.push(
    text(margin - 36, y(0.5), yLabel, {
      "text-anchor": "middle",
      transform: `rotate(-90 ${n(margin - 36)} ${n(y(0.5))})`,
    }),
  );
  parts.push(
    polyline(
      [
        [x(0), y(0)],
        [x(1), y(1)],
      ],
      { stroke: "#bbb", "stroke-dasharray": "4 4" },
    ),
  );
  return { x, y, parts };
}
