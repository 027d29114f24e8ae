/**
 * The closing sentence of a segment no recommendation fired for: why no
 * lever applies, read from the segment's own measurements — nobody in it,
 * nobody to compare with, a risk below the rest's and the model's threshold,
 * no notable difference, or notable differences none of which a lever of the
 * store answers. With these and the recommendations every segment ends in a
 * conclusion; none is silently left without one.
 *
 * @module
 */
import { type PluralForms, ruCount, ruNumber, ruPercent, ruShort } from "../text/ru_format.ts";
import type { Recommendation } from "./recommend.ts";
import type { Segment } from "./segment.ts";

/** Why no lever applies. */
export type ConclusionReason = "empty" | "everyone" | "low_risk" | "no_difference" | "no_lever";

/** A segment's closing sentence when it has no recommendation. */
export interface Conclusion {
  segment: string;
  reason: ConclusionReason;
  text: string;
}

/** What the sentences quote: the model's threshold and the significance level of the profile. */
export interface ConclusionOptions {
  threshold: number;
  alpha: number;
}

const CUSTOMERS_DATIVE: PluralForms = ["покупателю", "покупателям", "покупателям"];
const COMPARISONS: PluralForms = ["сравнения", "сравнений", "сравнений"];

/** The risk in and out of the segment: «средняя вероятность снижения 25 % против 41 % у остальных». */
function riskText(s: Segment): string {
  return `средняя вероятность снижения ${ruPercent(s.meanProbability, 0)} против ` +
    `${ruPercent(s.meanProbabilityRest, 0)} у остальных`;
}

/** What happens to the flagged customers of a segment with no lever of its own. */
function flaggedText(s: Segment): string {
  return s.flagged === 0
    ? ""
    : ` Тем ${ruCount(s.flagged, CUSTOMERS_DATIVE)} сегмента, у кого вероятность не ниже порога, действие ` +
      `подбирается по собственным причинам каждого.`;
}

/** Why a segment has no recommendation, or undefined when it has one. */
function conclusionOf(s: Segment, fired: boolean, o: ConclusionOptions): Conclusion | undefined {
  if (fired) return undefined;
  const at = (reason: ConclusionReason, text: string) => ({ segment: s.id, reason, text });
  if (s.size === 0) return at("empty", "В сегменте нет покупателей — выводов о нём нет.");
  const tested = s.profile.filter((d) => d.pAdjusted !== null).length;
  if (tested === 0 || !Number.isFinite(s.meanProbabilityRest)) {
    return at("everyone", "Сравнивать не с кем: в сегмент входят все покупатели, отличий от остальных не измерить.");
  }
  const notable = s.profile.filter((d) => d.notable).length;
  const unanswered = notable === 0
    ? ""
    : ` Его отличия от остальных (заметных — ${notable}) не указывают на проблему, которую решает рычаг магазина.`;
  if (s.meanProbability < o.threshold && s.meanProbability < s.meanProbabilityRest) {
    return at(
      "low_risk",
      `Риск низкий: ${riskText(s)}, ниже порога модели (${ruNumber(o.threshold, 2)}), — отдельное удерживающее ` +
        `предложение сегменту не нужно.${unanswered}${flaggedText(s)}`,
    );
  }
  if (notable === 0) {
    return at(
      "no_difference",
      `Отличий, на которые можно опереться в предложении, не найдено: ни одно из ${ruCount(tested, COMPARISONS)} ` +
        `с остальными покупателями не дало значимого (p с поправкой < ${ruShort(o.alpha)}) и заметного отличия; ` +
        `${riskText(s)}.${flaggedText(s)}`,
    );
  }
  return at("no_lever", `Общего для сегмента рычага нет: ${riskText(s)}.${unanswered}${flaggedText(s)}`);
}

/**
 * The closing sentence of every segment without a recommendation, in the
 * segments' order.
 *
 * @example
 * ```ts
 * import type { Segment } from "./segment.ts";
 * import { conclude } from "./conclusion.ts";
 * declare const segments: Segment[];
 * conclude(segments, [], { threshold: 0.46, alpha: 0.05 }).map((c) => c.reason); // ["low_risk", …]
 * ```
 */
export function conclude(
  segments: readonly Segment[],
  recommendations: readonly Pick<Recommendation, "segment">[],
  o: ConclusionOptions,
): Conclusion[] {
  const fired = new Set(recommendations.map((r) => r.segment));
  return segments.flatMap((s) => conclusionOf(s, fired.has(s.id), o) ?? []);
}
