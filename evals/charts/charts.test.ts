import { describe, expect, it } from "vitest";
import { barChart } from "./bars.ts";
import { confusionChart } from "./confusion.ts";
import { rocChart } from "./curves.ts";

describe("SVG charts", () => {
  it("draw the ROC curve in plot coordinates and escape text", () => {
    const svg = rocChart(
      "a <b> & c",
      [
        { fpr: 0, tpr: 0, threshold: Infinity },
        { fpr: 0, tpr: 1, threshold: 0.5 },
        { fpr: 1, tpr: 1, threshold: 0.1 },
      ],
      1,
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="440" height="440"/);
    expect(svg).toContain("<title>a &lt;b&gt; &amp; c</title>");
    // (0,0) → (60,380), (0,1) → (60,60), (1,1) → (380,60) in a 320-pixel square with a 60-pixel margin
    expect(svg).toContain('points="60,380 60,60 380,60"');
    expect(svg).toContain(">AUC 1.000</text>");
  });

  it("shade each confusion row by its own share and draw over-capacity bars red", () => {
    const m = confusionChart("m", {
      labels: ["a", "b"],
      counts: [
        [3, 1],
        [0, 2],
      ],
    });
    expect(m).toContain('fill="rgba(31,111,180,0.750)"'); // a→a: 3 of 4
    expect(m).toContain("<title>a → b: 1</title>");
    const bars = barChart("load", "min", [
      { label: "Ann", value: 300, limit: 360 },
      { label: "Ben", value: 400, limit: 360 },
    ]);
    expect(bars.match(/fill="#c0392b"/g)).toHaveLength(1);
    expect(bars).toContain(">400 min</text>");
  });
});
