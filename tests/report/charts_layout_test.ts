/**
 * The chart defects a reader hit, checked on the drawn geometry: panel
 * captions that ran into each other, the risk × profit scatter without
 * quadrant names or units, and count labels crossed by the calibration line
 * (one curve, or two: before and after calibration).
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import * as charts from "../../src/report/charts/mod.ts";
import { panelCaption } from "../../src/report/charts/render.ts";
import { FEATURES } from "../../src/data/labels.ts";
import { metricsFixture, riskPointsFixture, segmentsFixture, summaryFixture } from "./charts_fixtures.ts";
import { calibrationFixture } from "../artifacts/fixtures.ts";

/** What the test reads of a parsed SVG element (Deno has no DOM types). */
interface El {
  getAttribute(name: string): string | null;
  readonly parentElement: El | null;
  readonly textContent: string | null;
}

interface Placed {
  el: El;
  x: number;
  y: number;
}

/** Every element matching `selector` with its position: the sum of the translates above it and its own x/y or cx/cy. */
function placed(svg: string, selector: string): Placed[] {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`) as unknown as {
    document: { querySelectorAll(selector: string): ArrayLike<El> };
  };
  return Array.from(document.querySelectorAll(selector)).map((el) => {
    let x = Number(el.getAttribute("cx") ?? el.getAttribute("x") ?? 0);
    let y = Number(el.getAttribute("cy") ?? (/^-?[\d.]+$/.test(el.getAttribute("y") ?? "") ? el.getAttribute("y") : 0));
    for (let n: El | null = el; n; n = n.parentElement) {
      const t = /translate\((-?[\d.]+)[ ,]+(-?[\d.]+)\)/.exec(n.getAttribute("transform") ?? "");
      if (t) x += Number(t[1]), y += Number(t[2]);
    }
    return { el, x, y };
  });
}

const CAPTION_SIZE = 11.5;
/** DejaVu Sans Bold (the print font) at its widest for Russian captions: lowercase Cyrillic, 0.74 em. */
const WIDEST_EM = 0.74;

Deno.test("numeric grid: no caption line is wider than its panel, at the print font's widest glyphs", () => {
  const svg = charts.numericGridChart(summaryFixture());
  const panelWidth = Math.floor(charts.CHART_WIDTH / 3) - 6;
  for (const f of Object.values(FEATURES)) {
    for (const line of panelCaption(f.label, panelWidth)) {
      assert.ok(line.length * CAPTION_SIZE * WIDEST_EM <= panelWidth - 8, `«${line}» overruns ${panelWidth - 8} px`);
    }
  }
  // The caption that ran into its neighbour in the report now breaks.
  assert.ok(svg.includes(">Выручка, препредыдущий</text>"));
  // Captions of one row start a panel apart, so the lines above cannot meet.
  const captions = placed(svg, "svg > text[font-weight=bold]").filter((c) => c.el.getAttribute("font-size") === "11.5");
  for (const a of captions) {
    for (const b of captions) {
      if (a !== b && a.y === b.y && b.x > a.x) {
        assert.ok((a.el.textContent ?? "").length * CAPTION_SIZE * WIDEST_EM <= b.x - a.x, a.el.textContent ?? "");
      }
    }
  }
});

Deno.test("risk × profit: the four quadrants carry the matrix cells' names, and no dot lies under a name", () => {
  const svg = charts.riskProfitChart(riskPointsFixture(), { threshold: 0.4624, profitCut: 4.04, profitQuantile: 0.5 });
  const names = [
    "Удержать в первую очередь",
    "Удержать недорогими средствами",
    "Беречь и развивать",
    "Поддерживать без затрат",
  ];
  for (const n of names) assert.ok(svg.includes(`>${n}</text>`), n);
  assert.ok(svg.includes(">Прибыль в месяц, усл. ед.</text>"), "profit axis with its unit");
  assert.ok(svg.includes(">Вероятность снижения активности (от 0 до 1)</text>"), "probability axis says its scale");
  const labels = placed(svg, "g[aria-label=text] text");
  const dots = placed(svg, "g[aria-label=dot] circle").map((d) => ({ ...d, r: Number(d.el.getAttribute("r")) }));
  assert.equal(labels.length, 4);
  assert.ok(dots.length >= 200);
  const font = 11;
  for (const l of labels) {
    // A top name hangs below its anchor (y = 0.71em); a bottom name sits on it.
    const top = l.el.getAttribute("y") === "0.71em" ? l.y : l.y - font;
    const bottom = top + font;
    for (const d of dots) {
      assert.ok(d.y + d.r < top || d.y - d.r > bottom, `a dot at y ${d.y} lies under «${l.el.textContent}»`);
    }
  }
});

Deno.test("risk × profit: names and unit come from the run's segments and config when given", () => {
  const segments = segmentsFixture("Особая ячейка");
  const svg = charts.riskProfitChart(riskPointsFixture(), { risk: 0.5, profit: 4 }, {
    quadrants: charts.quadrantLabels(segments),
    unit: "руб.",
  });
  assert.ok(svg.includes(">Особая ячейка</text>"));
  assert.ok(svg.includes(">Прибыль в месяц, руб.</text>"));
  // Cells the artifact lacks are left unnamed rather than guessed.
  assert.ok(!svg.includes("Беречь и развивать"));
});

Deno.test("segments chart: profit at risk is labelled with the unit of the run's config", () => {
  assert.ok(charts.segmentsChart(segmentsFixture()).includes("Прибыль под риском за 3 мес., усл. ед."));
});

Deno.test("reliability: the counts stand in their own strip below the curve, never crossed by it", () => {
  const svg = charts.reliabilityChart(metricsFixture());
  const counts = placed(svg, "g[aria-label=text] text");
  assert.deepEqual(counts.map((c) => c.el.textContent), ["4", "4"]);
  assert.ok(svg.includes(">Покупателей в группе (внизу)</text>"), "the legend says what the numbers are");
  const dots = placed(svg, "g[aria-label=dot] circle").map((d) => d.y + Number(d.el.getAttribute("r")));
  const lines = placed(svg, "g[aria-label=line] path").map((p) => {
    const ys = Array.from(
      (p.el.getAttribute("d") ?? "").matchAll(/,(-?[\d.]+)/g),
      (m: RegExpMatchArray) => Number(m[1]),
    );
    return p.y + Math.max(...ys);
  });
  assert.equal(lines.length, 2, "diagonal and model curve");
  const lowest = Math.max(...dots, ...lines);
  for (const c of counts) assert.ok(c.y - 11 > lowest, `count ${c.el.textContent} at ${c.y} is above ${lowest}`);
  // Each count is centred over its bin's bar.
  const bars = placed(svg, "g[aria-label=rect] rect").map((b) => b.x + Number(b.el.getAttribute("width")) / 2);
  counts.forEach((c, i) => assert.ok(Math.abs(c.x - bars[i]!) < 1.5, `count ${i} over its bar`));
});

Deno.test("reliability: calibrated probabilities draw the curve before calibration too, the counts still apart", () => {
  const m = metricsFixture();
  const before = [
    { from: 0, to: 0.5, count: 3, meanPredicted: 0.35, observedRate: 0.33 },
    { from: 0.5, to: 1, count: 5, meanPredicted: 0.62, observedRate: 0.6 },
    { from: 0.9, to: 1, count: 0, meanPredicted: 0, observedRate: 0 },
  ];
  const svg = charts.reliabilityChart({
    ...m,
    best: {
      ...m.best,
      calibration: {
        ...calibrationFixture(),
        holdout: { brierBefore: 0.121, brierAfter: 0.106, reliabilityBefore: before, reliabilityAfter: [] },
      },
    },
  });
  const words = svg.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  assert.ok(words.includes("Оценка Брайера до калибровки 0,121, после — 0,106"), "the subtitle: Brier before → after");
  for (const label of ["До калибровки", "После калибровки", "Идеальная калибровка"]) {
    assert.ok(svg.includes(`>${label}</text>`), `legend: ${label}`);
  }
  assert.ok(!svg.includes(">Модель</text>"), "the curve is named after calibration, not «Модель»");
  const lines = placed(svg, "g[aria-label=line] path");
  assert.equal(lines.length, 3, "diagonal, before and after");
  const dots = placed(svg, "g[aria-label=dot] circle");
  assert.equal(dots.length, 4, "two bins before (the empty one left out), two after");
  assert.equal(dots.filter((d) => d.el.parentElement?.getAttribute("fill") === "white").length, 2, "before: hollow");
  const tips = placed(svg, "g[aria-label=dot] circle title").map((t) => t.el.textContent ?? "");
  assert.ok(tips.some((t) => t.startsWith("До калибровки: предсказано в среднем 0,62, снизилась доля 0,60")), tips[0]);
  assert.ok(tips.some((t) => t.startsWith("После калибровки: предсказано в среднем 0,80")), tips.join(" | "));
  // The counts are the calibrated bins' (the hold-out reliability), under every curve.
  const counts = placed(svg, "g[aria-label=text] text");
  assert.deepEqual(counts.map((c) => c.el.textContent), ["4", "4"]);
  const lowest = Math.max(...dots.map((d) => d.y + Number(d.el.getAttribute("r"))));
  for (const c of counts) assert.ok(c.y - 11 > lowest, `count ${c.el.textContent} at ${c.y} is above ${lowest}`);
});
