/**
 * Customers in the risk–profit plane: probability of a drop against monthly
 * profit, with the model's threshold and the profit cut that define the
 * segment matrix, each quadrant named by its matrix cell. Dots above the
 * threshold take the «Снизилась» colour.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { DEFAULT_CONFIG } from "../../config/run_config.ts";
import { MATRIX_RULES } from "../../segments/matrix.ts";
import { renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, CLASS_COLORS, INK, MUTED, SMALL_SIZE, tick } from "./theme.ts";
import type { RiskProfitCuts, RiskProfitPoint, SegmentsArtifact } from "./types.ts";

/** Defaults: most dots drawn (beyond it every k-th customer in input order), height in px. */
export const RISK_PROFIT_DEFAULTS = { maxPoints: 5000, height: 420 } as const;

/** Captions for the four quadrants (the matrix cells' names). */
export interface QuadrantLabels {
  highRiskHighProfit?: string;
  highRiskLowProfit?: string;
  lowRiskHighProfit?: string;
  lowRiskLowProfit?: string;
}

/** Which quadrant each matrix cell of `src/segments/matrix.ts` is. */
const CELL_QUADRANTS: Record<string, keyof QuadrantLabels> = {
  retain_first: "highRiskHighProfit",
  retain_cheaply: "highRiskLowProfit",
  keep_and_grow: "lowRiskHighProfit",
  maintain: "lowRiskLowProfit",
};

/**
 * The quadrants' names from the matrix cells of segments.json (by default,
 * the cells' names of the matrix rules).
 *
 * @example
 * ```ts
 * quadrantLabels().highRiskHighProfit; // "Удержать в первую очередь"
 * ```
 */
export function quadrantLabels(segments?: Pick<SegmentsArtifact, "segments">): QuadrantLabels {
  const cells = segments?.segments.filter((s) => s.kind === "matrix") ?? MATRIX_RULES;
  const out: QuadrantLabels = {};
  for (const c of cells) {
    const q = CELL_QUADRANTS[c.id];
    if (q) out[q] = c.name;
  }
  return out;
}

/** Share of the profit range left empty above and below the dots, where the quadrant names stand. */
const LABEL_ROOM = 0.1;

/**
 * Scatter of customers with the two cut lines.
 *
 * @param points one per customer: probability of a drop and monthly profit, optionally a tip text
 * @param thresholds the model's threshold and the profit cut: segments.json `cuts`, or `{ risk, profit }`
 * @param options quadrant captions (default: the matrix cells' names); the money unit (default: the config's);
 *   at most `maxPoints` dots; `sampledFrom`: the customers `points` were already taken from (every k-th), when
 *   they are not all
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import { readOffers } from "../../artifacts/offers.ts";
 * import { readSegments } from "../../artifacts/segments.ts";
 * import { riskProfitChart } from "./risk_profit.ts";
 * const { offers } = await readOffers("out/artifacts"), { cuts } = await readSegments("out/artifacts");
 * const svg = riskProfitChart(offers.map((o) => ({ probability: o.probability, profit: o.profit })), cuts);
 * ```
 */
export function riskProfitChart(
  points: readonly RiskProfitPoint[],
  thresholds: RiskProfitCuts,
  options: { quadrants?: QuadrantLabels; unit?: string; maxPoints?: number; sampledFrom?: number } = {},
): string {
  const threshold = "risk" in thresholds ? thresholds.risk : thresholds.threshold;
  const profitCut = "risk" in thresholds ? thresholds.profit : thresholds.profitCut;
  const quantile = "risk" in thresholds ? undefined : thresholds.profitQuantile;
  if (!(threshold > 0 && threshold < 1)) throw new Error(`Threshold must be in (0, 1), got "${threshold}"`);
  if (!Number.isFinite(profitCut)) throw new Error(`Profit cut must be a number, got "${profitCut}"`);
  const max = options.maxPoints ?? RISK_PROFIT_DEFAULTS.maxPoints;
  const valid = points.filter((p) => Number.isFinite(p.probability) && Number.isFinite(p.profit));
  const stride = Math.max(1, Math.ceil(valid.length / max));
  const shown = valid.filter((_, i) => i % stride === 0).map((p) => ({
    ...p,
    fill: p.probability >= threshold ? CLASS_COLORS.dropped : CLASS_COLORS.same,
  }));
  const q = options.quadrants ?? quadrantLabels();
  const corners = [
    { text: q.highRiskHighProfit, frameAnchor: "top-right", textAnchor: "end" },
    { text: q.lowRiskHighProfit, frameAnchor: "top-left", textAnchor: "start" },
    { text: q.highRiskLowProfit, frameAnchor: "bottom-right", textAnchor: "end" },
    { text: q.lowRiskLowProfit, frameAnchor: "bottom-left", textAnchor: "start" },
  ].filter((c): c is { text: string; frameAnchor: string; textAnchor: string } => Boolean(c.text));
  const T = TEXT.riskProfit;
  const unit = options.unit ?? DEFAULT_CONFIG.moneyUnit;
  // Room above and below the dots, so the quadrant names in the corners never cover a customer.
  let lo = profitCut, hi = profitCut;
  for (const p of shown) lo = Math.min(lo, p.profit), hi = Math.max(hi, p.profit);
  const room = (hi - lo || 1) * LABEL_ROOM;
  return renderChart(
    {
      title: T.title,
      subtitle: T.subtitle(threshold, profitCut, T.quantile(quantile), unit),
      legend: [
        { label: T.above, color: CLASS_COLORS.dropped, shape: "dot" },
        { label: T.below, color: CLASS_COLORS.same, shape: "dot" },
      ],
      ...(shown.length < Math.max(valid.length, options.sampledFrom ?? 0)
        ? { note: T.sampled(shown.length, Math.max(valid.length, options.sampledFrom ?? 0)) }
        : {}),
    },
    [{
      options: {
        width: CHART_WIDTH,
        height: RISK_PROFIT_DEFAULTS.height,
        marginLeft: 56,
        marginRight: 20,
        marginBottom: 44,
        x: { domain: [0, 1], grid: true, tickFormat: tick, label: T.x, labelArrow: "none", labelAnchor: "center" },
        y: {
          domain: [lo - room, hi + room],
          grid: true,
          tickFormat: tick,
          label: T.y(unit),
          labelArrow: "none",
          labelAnchor: "center",
        },
        color: { type: "identity" },
        marks: [
          Plot.dot(shown, {
            x: "probability",
            y: "profit",
            fill: "fill",
            r: 2.2,
            fillOpacity: 0.6,
            // A tip per dot when the points carry one (the report's interactive page shows it).
            ...(shown.some((p) => p.title !== undefined) ? { title: "title" } : {}),
          }),
          Plot.ruleX([threshold], { stroke: INK, strokeWidth: 1.5, strokeDasharray: "6,3" }),
          Plot.ruleY([profitCut], { stroke: INK, strokeWidth: 1.5, strokeDasharray: "6,3" }),
          ...corners.map((c) =>
            Plot.text([c.text], {
              frameAnchor: c.frameAnchor as "top-right",
              textAnchor: c.textAnchor as "end",
              dx: c.textAnchor === "end" ? -6 : 6,
              dy: c.frameAnchor.startsWith("top") ? 10 : -10,
              fontWeight: "bold",
              fill: MUTED,
              fontSize: SMALL_SIZE + 0.5,
              // A white halo keeps the name legible over grid lines.
              stroke: "white",
              strokeWidth: 3,
              paintOrder: "stroke",
            })
          ),
        ],
      },
    }],
  );
}
