/** The decision's dependence on the seed in plain Russian: ranges, shares, the verdict by its rule, absence. */
import assert from "node:assert/strict";
import { isStable, relativeSpread, stabilityParagraph, stabilityVerdict } from "../../src/text/stability_words.ts";
import { stabilityFixture } from "../artifacts/fixtures.ts";

const NB = "\u00A0";

Deno.test("stability paragraph: seeds, winners, threshold range, same flag and action, money ranges", () => {
  const text = stabilityParagraph(stabilityFixture(), "усл. ед.");
  for (
    const part of [
      `повторён для 3${NB}зёрен случайности: основное 42 и 1, 2.`,
      `Побеждали разные модели: «Метод опорных векторов» — 2${NB}раза, «Логистическая регрессия» — 1${NB}раз.`,
      `Порог — от 0,397 до 0,462, ROC-AUC на отложенной выборке — от 0,882 до 0,964, под риском — от 16 до 18 из ` +
      `40${NB}покупателей.`,
      `не меньше чем у 80,0${NB}% (до 87,5${NB}%) покупателей, при всех зёрнах сразу — у 77,5${NB}%;`,
      `назначенное действие — не меньше чем у 80,0${NB}% (до 87,5${NB}%), при всех сразу — у 75,0${NB}%.`,
      `Прибыль под риском — от 100,0 до 190,0${NB}усл.${NB}ед., ожидаемый чистый эффект кампании — от \u22125,5 ` +
      `до 3,5${NB}усл.${NB}ед. Вывод`,
      `Вывод: решение зависит от зерна — при всех зёрнах действие одинаково лишь у 75,0${NB}% покупателей, прибыль ` +
      `под риском меняется на 47,4${NB}%;`,
    ]
  ) assert.ok(text.includes(part), `«${part}» in «${text}»`);
  assert.ok(!text.includes(".."), "one full stop after a unit that ends with one");
});

Deno.test("stability verdict: stable only with the same action for 90 % and profit at risk within 10 %", () => {
  const s = stabilityFixture();
  assert.equal(isStable(s), false);
  const stable = { ...s, actionSameUnderAll: 0.93, profitAtRisk: { min: 5799.4, max: 6050.3 } };
  assert.equal(isStable(stable), true);
  assert.equal(
    stabilityVerdict(stable),
    `Вывод: решение устойчиво — при всех зёрнах действие одинаково у 93,0${NB}% покупателей, прибыль под риском ` +
      `меняется на 4,1${NB}%.`,
  );
  assert.equal(isStable({ ...stable, profitAtRisk: { min: 100, max: 115 } }), false, "money moves by 13 %");
  assert.equal(isStable({ ...stable, actionSameUnderAll: 0.89 }), false);
  assert.equal(relativeSpread({ min: 0, max: 0 }), 0);
  const one = stabilityParagraph({ ...stable, winners: [{ family: "ensemble", seeds: 3 }] }, "руб.");
  assert.ok(one.includes("Побеждала всегда одна модель: «Ансамбль (мягкое голосование)»."), one);
});

Deno.test("stability paragraph: not measured (switched off, an old file, only the run's own seed)", () => {
  const none = stabilityParagraph(undefined, "усл. ед.");
  assert.ok(none.startsWith("Устойчивость к зерну случайности не измерялась"), none);
  assert.equal(stabilityParagraph({ ...stabilityFixture(), seeds: [42] }, "усл. ед."), none);
});
