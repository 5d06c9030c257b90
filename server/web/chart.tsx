/** A point of a line chart: x a time, y a value. */
export interface Point {
  at: Date;
  value: number;
}

const W = 560;
const H = 200;
const PAD = { l: 44, r: 12, t: 12, b: 34 };

function ticks(min: number, max: number, n = 4): number[] {
  if (max === min) return [min];
  const step = (max - min) / n;
  return Array.from({ length: n + 1 }, (_, i) => min + i * step);
}

/**
 * A server-side SVG line chart with labelled axes (value on y, date on x). Readable without
 * JavaScript; the title and a data table fallback give screen readers the same figures.
 */
export function LineChart(props: {
  title: string;
  points: Point[];
  yLabel: string;
  id?: string;
  yMin?: number;
  yMax?: number;
}) {
  const pts = [...props.points].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (pts.length === 0) return <p class="meta">No {props.title} scores yet.</p>;
  const xs = pts.map((p) => p.at.getTime());
  const ys = pts.map((p) => p.value);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) === x0 ? x0 + 86_400_000 : Math.max(...xs);
  const y0 = props.yMin ?? Math.min(0, ...ys);
  const y1 = props.yMax ?? Math.max(...ys, y0 + 1);
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.t - PAD.b);
  const line = pts
    .map((p, i) => `${i ? "L" : "M"}${sx(p.at.getTime()).toFixed(1)},${sy(p.value).toFixed(1)}`)
    .join(" ");
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return (
    <figure class="chart" id={props.id}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${props.title}: ${pts.length} scores from ${day(x0)} to ${day(Math.max(...xs))}, latest ${ys[ys.length - 1]!.toFixed(1)}`}
      >
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="#888" />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} stroke="#888" />
        {ticks(y0, y1).map((v) => (
          <>
            <line x1={PAD.l - 4} x2={W - PAD.r} y1={sy(v)} y2={sy(v)} stroke="#e3e7ec" />
            <text x={PAD.l - 6} y={sy(v) + 4} text-anchor="end">
              {v.toFixed(v < 2 ? 2 : 0)}
            </text>
          </>
        ))}
        {[x0, (x0 + x1) / 2, x1].map((t) => (
          <text x={sx(t)} y={H - PAD.b + 16} text-anchor="middle">
            {day(t)}
          </text>
        ))}
        <text x={12} y={(H - PAD.b) / 2} transform={`rotate(-90 12 ${(H - PAD.b) / 2})`} text-anchor="middle">
          {props.yLabel}
        </text>
        <text x={(W + PAD.l) / 2} y={H - 2} text-anchor="middle">
          scored on
        </text>
        <path d={line} fill="none" stroke="#0b5cad" stroke-width="2" />
        {pts.map((p) => (
          <circle cx={sx(p.at.getTime())} cy={sy(p.value)} r="3.5" fill="#0b5cad">
            <title>{`${p.at.toISOString().slice(0, 16).replace("T", " ")}: ${p.value.toFixed(2)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

/** A bar chart of labelled values (evals: confusion counts, plan load), SVG with axis labels. */
export function BarChart(props: {
  title: string;
  bars: { label: string; value: number }[];
  max?: number;
  unit?: string;
}) {
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value));
  const rowH = 22;
  const h = props.bars.length * rowH + 24;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={props.title}>
        {props.bars.map((b, i) => (
          <>
            <text x={150} y={i * rowH + 15} text-anchor="end">
              {b.label}
            </text>
            <rect
              x={156}
              y={i * rowH + 4}
              height={14}
              width={Math.max(1, ((W - 230) * b.value) / max)}
              fill="#1d7a3a"
            />
            <text
              x={160 + ((W - 230) * b.value) / max}
              y={i * rowH + 15}
            >{`${Number.isInteger(b.value) ? b.value : b.value.toFixed(3)}${props.unit ?? ""}`}</text>
          </>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
