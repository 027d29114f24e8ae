/**
 * «Что влияет на риск»: the features that move the risk most (mean |SHAP|)
 * and which way, from explanations.json.
 *
 * @module
 */
import type { ExplanationsArtifact } from "../../artifacts/explanations.ts";
import { ruNumber, ruPercent } from "../../text/ru_format.ts";
import type { ReportArtifacts } from "./common.ts";

/** Features named in "what drives risk". */
export const TOP_DRIVERS = 6;

/** One driver of the risk. */
export interface Driver {
  label: string;
  /** Mean |φ|: percentage points of probability, or log-odds when the model is explained in log-odds. */
  effect: string;
  direction: string;
}

/** The drivers section. */
export interface DriversSection {
  present: boolean;
  /**
   * The model is explained in log-odds (a linear model's exact SHAP): contributions and the base are logits, not
   * percentage points and a probability.
   */
  logOdds: boolean;
  /** The output with no feature known: a probability («29 %»), or a logit with its probability («−0,88 (29 %)»). */
  base: string;
  top: Driver[];
  method: string;
}

/**
 * How each feature pushes the risk, from the beeswarm points: for a number,
 * the sign of the correlation between its value rank and its SHAP value; for
 * a category, the value with the highest mean SHAP value.
 *
 * @example
 * ```ts
 * import type { ExplanationsArtifact } from "../../artifacts/explanations.ts";
 * declare const explanations: ExplanationsArtifact;
 * driverDirections(explanations.beeswarm).get("pages_per_visit"); // "чем меньше значение, тем выше риск"
 * ```
 */
export function driverDirections(points: ExplanationsArtifact["beeswarm"]): Map<string, string> {
  const by = new Map<string, typeof points>();
  for (const p of points) {
    const list = by.get(p.feature);
    if (list) list.push(p);
    else by.set(p.feature, [p]);
  }
  const out = new Map<string, string>();
  for (const [feature, ps] of by) {
    if (ps.every((p) => typeof p.value === "number")) {
      const n = ps.length;
      const mx = ps.reduce((a, p) => a + p.valueRank, 0) / n, my = ps.reduce((a, p) => a + p.phi, 0) / n;
      let sxy = 0, sxx = 0, syy = 0;
      for (const p of ps) {
        sxy += (p.valueRank - mx) * (p.phi - my);
        sxx += (p.valueRank - mx) ** 2;
        syy += (p.phi - my) ** 2;
      }
      const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
      out.set(
        feature,
        Math.abs(r) < 0.1
          ? "связь с риском неоднозначна"
          : r < 0
          ? "чем меньше значение, тем выше риск"
          : "чем больше значение, тем выше риск",
      );
    } else {
      const sums = new Map<string, { sum: number; n: number }>();
      for (const p of ps) {
        const k = String(p.value);
        const s = sums.get(k) ?? { sum: 0, n: 0 };
        s.sum += p.phi, s.n++;
        sums.set(k, s);
      }
      const ranked = [...sums.entries()].map(([k, s]) => [k, s.sum / s.n] as const).sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])
      );
      const top = ranked[0];
      if (top && top[1] > 0) out.set(feature, `риск выше при значении «${top[0]}»`);
      else out.set(feature, "связь с риском неоднозначна");
    }
  }
  return out;
}

/**
 * The drivers section; without explanations.json it says so.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * driversSection(artifacts).top[0]?.label; // "Страниц за визит"
 * ```
 */
export function driversSection(a: Pick<ReportArtifacts, "explanations">): DriversSection {
  const e = a.explanations;
  if (!e) return { present: false, logOdds: false, base: "—", top: [], method: "" };
  const directions = driverDirections(e.beeswarm);
  const logOdds = e.output === "log-odds";
  return {
    present: true,
    logOdds,
    base: logOdds
      ? `${ruNumber(e.base, 2)} (вероятность ${ruPercent(1 / (1 + Math.exp(-e.base)), 0)})`
      : ruPercent(e.base, 0),
    top: e.importance.slice(0, TOP_DRIVERS).map((g) => ({
      label: g.label,
      effect: logOdds ? ruNumber(g.meanAbs, 2) : `${ruNumber(g.meanAbs * 100, 1)} п.\u00A0п.`,
      direction: directions.get(g.feature) ?? "",
    })),
    method: e.method,
  };
}
