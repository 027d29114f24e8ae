/** The calibration in plain Russian: the method and why by the rule, Brier before → after, steps, absence. */
import assert from "node:assert/strict";
import {
  calibrationChoice,
  calibrationEffect,
  calibrationParagraph,
  isotonicNote,
} from "../../src/text/calibration_words.ts";
import { calibrationFixture } from "../artifacts/fixtures.ts";

const NB = "\u00A0";

Deno.test("calibration choice: isotonic only beyond one standard error, Platt otherwise", () => {
  assert.equal(
    calibrationChoice(calibrationFixture()),
    "Способ выбран на 5 внутренних фолдах обучающей части (оценка Брайера у Платта 0,0890, у изотонической " +
      "0,0854): изотоническая лучше на 0,0036 — больше одной стандартной ошибки разницы (0,0022), поэтому выбрана она.",
  );
  const close = calibrationChoice(
    calibrationFixture({ method: "sigmoid", innerBrier: { sigmoid: 0.089, isotonic: 0.088 } }),
  );
  assert.ok(
    close.endsWith(
      "изотоническая лучше лишь на 0,0010 — не больше одной стандартной ошибки разницы " +
        "(0,0022), поэтому выбран более простой способ Платта.",
    ),
    close,
  );
  const worse = calibrationChoice(
    calibrationFixture({ method: "sigmoid", innerBrier: { sigmoid: 0.089, isotonic: 0.095 } }),
  );
  assert.ok(worse.endsWith("изотоническая не лучше, поэтому выбран более простой способ Платта."), worse);
});

Deno.test("calibration effect: hold-out Brier before → after and its direction; training when no hold-out", () => {
  const c = calibrationFixture();
  assert.equal(
    calibrationEffect(c),
    "На отложенной выборке оценка Брайера (средний квадрат ошибки вероятности; меньше — лучше) до калибровки " +
      "0,121, после — 0,106: вероятности стали точнее.",
  );
  const worse = calibrationEffect({ ...c, holdout: { ...c.holdout!, brierBefore: 0.108, brierAfter: 0.113 } });
  assert.ok(worse.includes("0,108, после — 0,113: на этой выборке вероятности стали чуть менее точными"), worse);
  const same = calibrationEffect({ ...c, holdout: { ...c.holdout!, brierBefore: 0.1081, brierAfter: 0.1083 } });
  assert.ok(same.endsWith("почти не изменилась."), same);
  const training = calibrationEffect({ ...c, holdout: null });
  assert.ok(training.startsWith("На обучающих покупателях (предсказания вне фолда) оценка Брайера"), training);
  assert.ok(training.includes("до калибровки 0,092, после — 0,085"), training);
});

Deno.test("calibration paragraph: the money on the calibrated scale; isotonic steps and a 100 % top step", () => {
  const iso = calibrationParagraph(calibrationFixture(), { probability: 1, customers: 57 });
  assert.ok(
    iso.startsWith(
      "Вероятности модели откалиброваны — переведены в доли, которые сбываются на деле; " +
        "способ — изотоническая регрессия",
    ),
    iso,
  );
  assert.ok(iso.includes("Прибыль под риском, ожидаемый эффект и порог считаются по откалиброванным вероятностям"));
  assert.ok(iso.includes(`Верхняя ступень — 100${NB}% (57${NB}покупателей).`), iso);
  assert.ok(
    iso.endsWith(
      `Вероятность 100${NB}% означает не уверенность в каждом покупателе, а то, что среди обучающих покупателей с ` +
        "такими оценками модели активность снизилась у всех; у новых покупателей доля может оказаться чуть ниже.",
    ),
    iso,
  );
  const lower = isotonicNote({ probability: 0.9375, customers: 21 });
  assert.ok(lower.endsWith(`Верхняя ступень — 93,8${NB}% (21${NB}покупатель).`), lower);
  assert.ok(isotonicNote().includes(`Верхняя ступень может быть равна 100${NB}%`));
  const platt = calibrationParagraph(calibrationFixture({ method: "sigmoid" }), { probability: 1, customers: 3 });
  assert.ok(platt.includes("; способ — калибровка Платта (плавная S-образная кривая с двумя параметрами)."), platt);
  assert.ok(!platt.includes("ступен"), "Platt says nothing of steps");
});

Deno.test("calibration paragraph: switched off, and a file from before calibration", () => {
  assert.ok(
    calibrationParagraph(null).startsWith(
      "Вероятности модели не калибровались (в конфигурации " +
        "calibration.method = none)",
    ),
  );
  assert.ok(calibrationParagraph(undefined).startsWith("Сведений о калибровке вероятностей нет"));
});

Deno.test("calibration choice: with fewer training customers than isotonic needs, Platt and why", () => {
  const text = calibrationChoice(calibrationFixture({ method: "sigmoid", rows: 972, minIsotonicRows: 1000 }));
  assert.match(text, /^Выбран способ Платта: обучающих покупателей 972 — меньше 1000,/);
  assert.match(text, /оценка Брайера у Платта 0,0890, у изотонической 0,0854\.$/);
});
