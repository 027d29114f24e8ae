/**
 * The threshold and assumptions explorer: a slider over the probability
 * threshold and inputs for the assumed effect and each channel's cost per
 * contact, starting at the run's values; every change recomputes, from the
 * embedded data, whom the threshold flags and what acting on them would cost
 * and save (`explore`), and redraws the net-value curve with the run's
 * threshold and the chosen one marked.
 *
 * @module
 */
import { byId } from "./dom.js";
import { explore, exploreCurve } from "./explorer_math.js";
import { ruNumber, ruPercent } from "./ru.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** The curve's thresholds: 0.01, 0.02, …, 0.99. */
const CURVE_STEPS = 100;

/**
 * An SVG element with attributes.
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @returns {SVGElement}
 */
function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return /** @type {SVGElement} */ (e);
}

/**
 * Sets up the explorer on the page.
 * @param {any} d the embedded data
 */
export function setUpExplorer(d) {
  const run = d.run;
  // The table's rows, or the sums per probability step when the table holds only the first customers.
  const rows = d.explorer ?? d;
  const slider = /** @type {HTMLInputElement} */ (byId("x-threshold"));
  const effect = /** @type {HTMLInputElement} */ (byId("x-effect"));
  const costInputs = /** @type {HTMLInputElement[]} */ ([...document.querySelectorAll("input[data-channel]")]);
  // The unit never breaks across lines.
  const unit = run.unit.replaceAll(" ", "\u00A0");
  // The run's threshold exactly (the slider's steps need not hit it) until the slider moves.
  let threshold = run.threshold;

  const reset = () => {
    threshold = run.threshold;
    slider.value = String(run.threshold);
    effect.value = String(Math.round(run.assumedEffect * 1000) / 10);
    for (const input of costInputs) input.value = String(run.costPerContact[Number(input.dataset.channel)]);
  };
  const costs = () =>
    run.costPerContact.map((/** @type {number} */ c, /** @type {number} */ k) => {
      const input = costInputs.find((i) => Number(i.dataset.channel) === k);
      const v = input ? Number(input.value) : c;
      return input && input.value !== "" && Number.isFinite(v) && v >= 0 ? v : c;
    });
  const effectValue = () => {
    const v = Number(effect.value);
    return effect.value !== "" && Number.isFinite(v) ? v / 100 : run.assumedEffect;
  };

  const set = (/** @type {string} */ id, /** @type {string} */ text) => byId(id).textContent = text;
  const money = (/** @type {number} */ x) => `${ruNumber(x, 1)}\u00A0${unit}`;

  function draw() {
    const e = effectValue(), c = costs();
    const now = explore(rows, threshold, e, c);
    set("x-threshold-value", ruNumber(threshold, 3));
    set("x-flagged", ruNumber(now.flagged));
    byId("x-flagged").dataset.value = String(now.flagged);
    set("x-customers", ruNumber(now.customers));
    byId("x-customers").dataset.value = String(now.customers);
    set("x-cost", money(now.cost));
    set("x-at-risk", money(now.profitAtRisk));
    set("x-saved", money(now.expectedSaved));
    set("x-net", money(now.net));
    set("x-break-even", now.breakEvenEffect === null ? "—" : ruPercent(now.breakEvenEffect));
    // Where the run's threshold sits, without plural forms: the two counts side by side.
    const where = threshold === run.threshold
      ? "Это порог модели."
      : `Порог модели — ${ruNumber(run.threshold, 3)}; выбранный ${threshold > run.threshold ? "выше" : "ниже"}: ` +
        `покупателей выше порога — ${ruNumber(now.flagged)} вместо ${
          ruNumber(explore(rows, run.threshold, e, c).flagged)
        }.`;
    set("x-where", where);
    drawCurve(exploreCurve(rows, e, c, CURVE_STEPS));
  }

  /** The net-value curve, with the run's threshold (dashed) and the chosen one (solid). */
  function drawCurve(/** @type {ReturnType<typeof exploreCurve>} */ curve) {
    const W = 640, H = 220, L = 64, R = 12, T = 12, B = 34;
    const nets = curve.map((p) => p.net);
    const lo = Math.min(0, ...nets), top = Math.max(0, ...nets);
    // A flat curve still gets a scale.
    const hi = top - lo < 1e-9 ? lo + 1 : top;
    const x = (/** @type {number} */ t) => L + t * (W - L - R);
    const y = (/** @type {number} */ v) => T + (hi - v) / (hi - lo) * (H - T - B);
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
    const title = svgEl("title", {});
    title.textContent = "Чистый эффект по порогу";
    svg.append(title);
    for (const v of [lo, 0, hi]) {
      svg.append(svgEl("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? "zero" : "grid" }));
      const label = svgEl("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" });
      label.textContent = ruNumber(v, 1);
      svg.append(label);
    }
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const label = svgEl("text", { x: x(t), y: H - B + 16, "text-anchor": "middle" });
      label.textContent = ruNumber(t, 2);
      svg.append(label);
    }
    const axis = svgEl("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle" });
    axis.textContent = "порог вероятности снижения";
    svg.append(axis);
    svg.append(svgEl("polyline", {
      points: curve.map((p) => `${x(p.threshold).toFixed(1)},${y(p.net).toFixed(1)}`).join(" "),
      class: "net",
    }));
    for (const p of curve) {
      // Points 0.05 apart carry a tip.
      if (Math.round(p.threshold * 100) % 5 !== 0) continue;
      const dot = svgEl("circle", { cx: x(p.threshold), cy: y(p.net), r: 3, class: "point" });
      const tip = svgEl("title", {});
      tip.textContent = `Порог ${ruNumber(p.threshold, 2)}: ${ruNumber(p.customers)} покупателей, ` +
        `чистый эффект ${money(p.net)}`;
      dot.append(tip);
      svg.append(dot);
    }
    svg.append(svgEl("line", { x1: x(run.threshold), x2: x(run.threshold), y1: T, y2: H - B, class: "run" }));
    const runLabel = svgEl("text", { x: x(run.threshold) + 4, y: T + 10 });
    runLabel.textContent = "порог модели";
    svg.append(runLabel);
    svg.append(svgEl("line", { x1: x(threshold), x2: x(threshold), y1: T, y2: H - B, class: "chosen" }));
    byId("x-curve").replaceChildren(svg);
  }

  slider.addEventListener("input", () => {
    threshold = Number(slider.value);
    draw();
  });
  effect.addEventListener("input", draw);
  for (const input of costInputs) input.addEventListener("input", draw);
  byId("x-reset").addEventListener("click", () => {
    reset();
    draw();
  });
  reset();
  draw();
}
