/**
 * How much the decision depends on the random seed, in plain Russian: the
 * winners across seeds, the threshold range, the share of customers whose
 * flag and action stay the same, the range of the money figures, and a
 * one-line verdict by a rule stated in the text. For the report's method
 * section and the notebooks, so both say the same.
 *
 * @module
 */
import { familyLabel, type StabilityMetrics } from "../artifacts/metrics.ts";
import { NBSP, ruCount, ruInt, ruNumber, ruPercent, ruScore } from "./ru_format.ts";

/** The decision is stable when at least this share of customers gets the same action under every seed … */
export const STABLE_ACTION_SHARE = 0.9;
/** … and profit at risk moves by at most this share of its largest value across the seeds. */
export const STABLE_MONEY_SPREAD = 0.1;

const SEEDS = ["зерна", "зёрен", "зёрен"] as const;
const TIMES = ["раз", "раза", "раз"] as const;

/** Relative spread of a range: (max − min) / max |value| (0 for an all-zero range). */
export function relativeSpread(r: { min: number; max: number }): number {
  const scale = Math.max(Math.abs(r.min), Math.abs(r.max));
  return scale === 0 ? 0 : (r.max - r.min) / scale;
}

/** A range as «от a до b», or one value when both ends read the same. */
function fromTo(r: { min: number; max: number }, format: (x: number) => string): string {
  const a = format(r.min), b = format(r.max);
  return a === b ? a : `от ${a} до ${b}`;
}

/** The lowest share, and the highest in brackets when it differs: «95,6 % (до 97,6 %)». */
function atLeast(r: { min: number; max: number }): string {
  const a = ruPercent(r.min), b = ruPercent(r.max);
  return a === b ? a : `${a} (до ${b})`;
}

/** Whether the decision counts as stable by {@linkcode STABLE_ACTION_SHARE} and {@linkcode STABLE_MONEY_SPREAD}. */
export function isStable(s: StabilityMetrics): boolean {
  return s.actionSameUnderAll >= STABLE_ACTION_SHARE && relativeSpread(s.profitAtRisk) <= STABLE_MONEY_SPREAD;
}

/** The seeds besides the run's own. */
const otherSeeds = (s: StabilityMetrics) => s.seeds.filter((x) => x !== s.runSeed);

/**
 * The verdict in one line: stable, or depends on the seed — with the two figures the rule reads.
 *
 * @example
 * ```ts
 * import type { StabilityMetrics } from "../artifacts/metrics.ts";
 * declare const s: StabilityMetrics;
 * stabilityVerdict(s); // "Вывод: решение устойчиво — …"
 * ```
 */
export function stabilityVerdict(s: StabilityMetrics): string {
  const same = ruPercent(s.actionSameUnderAll);
  const spread = ruPercent(relativeSpread(s.profitAtRisk));
  if (isStable(s)) {
    return `Вывод: решение устойчиво — при всех зёрнах действие одинаково у ${same} покупателей, ` +
      `прибыль под риском меняется на ${spread}.`;
  }
  return `Вывод: решение зависит от зерна — при всех зёрнах действие одинаково лишь у ${same} покупателей, ` +
    `прибыль под риском меняется на ${spread}; цифры отчёта — одна из возможных оценок, а не точное значение.`;
}

/**
 * The stability paragraph: seeds, winners, threshold and hold-out AUC
 * ranges, same flag and action (lowest over the other seeds, and under all),
 * profit at risk and expected net ranges, and the verdict with its rule.
 *
 * @param s metrics.json `stability`; `undefined` when the run measured none
 * @param unit the money.csv unit («усл. ед.»)
 * @example
 * ```ts
 * stabilityParagraph(undefined, "усл. ед."); // "Устойчивость к зерну случайности не измерялась …"
 * ```
 */
export function stabilityParagraph(s: StabilityMetrics | undefined, unit: string): string {
  if (s === undefined || otherSeeds(s).length === 0) {
    return "Устойчивость к зерну случайности не измерялась (список stability.seeds в конфигурации пуст или " +
      "metrics.json записан без неё): неизвестно, насколько выбор модели, порог и действия изменились бы при " +
      "другом случайном разбиении.";
  }
  const u = unit.replaceAll(" ", NBSP);
  const amount = (x: number) => ruNumber(x, 1);
  const others = otherSeeds(s);
  const winners = [...s.winners].sort((a, b) => b.seeds - a.seeds || a.family.localeCompare(b.family))
    .map((w) => `«${familyLabel(w.family)}» — ${ruCount(w.seeds, TIMES)}`).join(", ");
  const single = s.winners.length === 1;
  return [
    `Весь расчёт (разбиение, перебор, выбор модели, калибровка, порог, сегменты и действия) повторён для ` +
    `${ruCount(s.seeds.length, SEEDS)} случайности: основное ${ruInt(s.runSeed)} и ` +
    `${others.map(ruInt).join(", ")}.`,
    single
      ? `Побеждала всегда одна модель: «${familyLabel(s.winners[0]!.family)}».`
      : `Побеждали разные модели: ${winners}.`,
    `Порог — ${fromTo(s.threshold, (x) => ruScore(x, 3))}, ROC-AUC на отложенной выборке — ` +
    `${fromTo(s.holdoutAuc, (x) => ruScore(x))}, под риском — ${fromTo(s.flagged, ruInt)} из ` +
    `${ruCount(s.customers, ["покупателя", "покупателей", "покупателей"])}.`,
    `При каждом другом зерне отметка «под риском» совпадает с основным расчётом не меньше чем у ` +
    `${atLeast(s.sameFlag)} покупателей, при всех зёрнах сразу — у ${ruPercent(s.flagSameUnderAll)}; ` +
    `назначенное действие — не меньше чем у ${atLeast(s.sameAction)}, при всех сразу — у ` +
    `${ruPercent(s.actionSameUnderAll)}.`,
    `Прибыль под риском — ${fromTo(s.profitAtRisk, amount)}${NBSP}${u}, ожидаемый чистый эффект кампании — ` +
    `${fromTo(s.expectedNet, amount)}${NBSP}${u}${u.endsWith(".") ? "" : "."}`,
    `${stabilityVerdict(s)} (Решение считается устойчивым, если при всех зёрнах действие одинаково не меньше ` +
    `чем у ${ruPercent(STABLE_ACTION_SHARE, 0)} покупателей, а прибыль под риском меняется не больше чем на ` +
    `${ruPercent(STABLE_MONEY_SPREAD, 0)}.)`,
  ].join(" ");
}
