/**
 * What a reader sees in the rendered report's text: the data named without a
 * path, the money unit wherever profit appears, one minus sign, the headline
 * quality, the calibration and the decision's stability across seeds.
 */
import assert from "node:assert/strict";
import { type MetricsArtifact, readMetrics, selectionSentence, writeMetrics } from "../../src/artifacts/metrics.ts";
import { readOffers, writeOffers } from "../../src/artifacts/offers.ts";
import { readSegments, writeSegments } from "../../src/artifacts/segments.ts";
import { renderReport } from "../../src/report/render.ts";
import { writeFixtureArtifacts } from "./render_fixtures_test.ts";
import { calibrationFixture, stabilityFixture } from "../artifacts/fixtures.ts";

const BUILT = new Date(Date.UTC(2025, 10, 22, 9, 5));

/** The report's text nodes (tag names, attributes, the stylesheet and the scripts left out), entities decoded. */
function textNodes(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
  return Array.from(
    body.matchAll(/>([^<]+)</g),
    (m) =>
      m[1]!.replace(/&nbsp;/g, "\u00A0").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'"),
  );
}

/** Text with an ASCII hyphen-minus standing for a minus: before a digit, not inside a word or a range such as 2024-11. */
const HYPHEN_MINUS = /(?<![\p{L}\p{N}])-\s?\d/u;

async function render(
  edit?: (dir: string) => Promise<void>,
  options: Parameters<typeof writeFixtureArtifacts>[1] = {},
) {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureArtifacts(dir, options);
    await edit?.(dir);
    return await renderReport(dir, { builtAt: BUILT, utcOffsetMinutes: 180 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Negative values and a profit difference in a segment's profile, as a real run can have them. */
async function withNegatives(dir: string): Promise<void> {
  const s = await readSegments(dir);
  const first = s.segments[0]!;
  first.profile = [
    ...first.profile.map((d) => d.type === "number" ? { ...d, meanIn: -1.5, meanOut: -0.25 } : d),
    {
      feature: "profit",
      label: "Прибыль в месяц",
      type: "number",
      meanIn: 4.5,
      meanOut: 3.9,
      effect: 0.3,
      p: 1e-6,
      pAdjusted: 2e-6,
      notable: true,
    },
  ];
  await writeSegments(dir, s);
}

Deno.test("report text: the data are named by folder, export date and hash — no path anywhere", async () => {
  const html = await render();
  assert.doesNotMatch(html, /\/data\/one-click/, "the source folder's path");
  assert.match(
    html,
    /выгрузка «one-click» от 30\u00A0ноября 2026\u00A0г\. \(дата изменения файлов\), контрольная сумма 0123456789ab/,
  );
  assert.match(html, /первые 12 шестнадцатеричных знаков SHA-256/, "the method says what the hash is");
  for (const t of textNodes(html)) assert.doesNotMatch(t, /(^|\s)\/[\w.-]+\//, `a path in «${t}»`);
  const demo = await render(undefined, { demo: true });
  assert.doesNotMatch(demo, /\/tmp\/demo-data/);
  assert.match(demo, /демонстрационные данные генератора, папка «demo-data»/);
});

Deno.test("report text: money carries the unit of the run's config", async () => {
  const html = await render(withNegatives);
  assert.match(html, /Прибыль в месяц, усл\.\u00A0ед\.<\/th>/, "contacts table");
  assert.match(html, /Под риском за \d+ мес\., усл\.\u00A0ед\.<\/th>/, "contacts table");
  assert.match(html, /Прибыль под риском за \d+ месяц\S*, усл\.\u00A0ед\.<\/th>/, "segments overview");
  assert.match(html, /прибыль под риском за \d+ мес\. — [\d\u00A0,]+\u00A0усл\.\u00A0ед\./, "segment facts");
  assert.match(
    html,
    /Прибыль в месяц: в среднем 4,50\u00A0усл\.\u00A0ед\. против 3,90\u00A0усл\.\u00A0ед\./,
    "a profit difference",
  );
  assert.match(
    html,
    /их прибыль за \S+ месяц\S* — [\d\u00A0,]+\u00A0усл\.\u00A0ед\.<\/p>/,
    "model section, one full stop",
  );
  assert.match(html, /в единицах выгрузки money\.csv \(усл\.\u00A0ед\.\)/, "method");
  assert.doesNotMatch(html, /ед\.\./, "a unit's full stop is not doubled at the end of a sentence");
  const rub = await render(undefined, { config: { moneyUnit: "руб." } });
  assert.match(rub, /Прибыль в месяц, руб\.<\/th>/);
  assert.doesNotMatch(rub, /усл\.[\s\u00A0]ед\./);
});

Deno.test("report text: every negative number has the true minus sign, never a hyphen-minus", async () => {
  const html = await render(withNegatives);
  const texts = textNodes(html);
  assert.ok(texts.some((t) => t.includes("в среднем \u22121,50 против \u22120,25")), "the negatives are shown");
  for (const t of texts) assert.doesNotMatch(t, HYPHEN_MINUS, `a hyphen-minus in «${t}»`);
  // The check itself catches what it is for.
  assert.match("δ −0,65 и -0,65", HYPHEN_MINUS);
  assert.doesNotMatch("2026-11-30, 04-segments, A-1", HYPHEN_MINUS);
});

/** metrics.json with the ensemble, the margin of the choice and nested CV, as a run now writes it. */
async function withNestedCv(dir: string): Promise<void> {
  const m = await readMetrics(dir);
  const svc = m.families.find((f) => f.family === m.best.family)!;
  const ensemble = {
    ...svc,
    family: "ensemble" as const,
    cvAuc: svc.cvAuc + 0.004,
    scaler: "passthrough" as const,
    params: {
      members: [{ family: "knn", params: {}, scaler: "standard" }, { family: "svc", params: {}, scaler: "standard" }],
      weights: [0.5, 0.5],
    },
  };
  m.families.push(ensemble);
  m.best = { ...m.best, ...ensemble };
  const figures = {
    chosen: "ensemble" as const,
    chosenAuc: ensemble.cvAuc,
    runnerUp: svc.family,
    runnerUpAuc: svc.cvAuc,
    margin: 0.004,
    standardError: 0.0147,
    withinOneStandardError: true,
    nestedWins: 4,
    nestedFolds: 5,
  };
  m.selection = { ...figures, sentence: selectionSentence(figures) };
  const outer = (mean: number) => ({
    mean,
    std: 0.02,
    interval: [mean - 0.03, mean + 0.03] as [number, number],
    scores: [],
  });
  m.nestedCv = {
    outerFolds: 5,
    repeats: 1,
    innerFolds: 5,
    seconds: 20,
    selected: outer(0.9118),
    families: [{ family: "svc", wins: 1, ...outer(0.9097) }, { family: "ensemble", wins: 4, ...outer(0.9133) }],
    folds: [],
  };
  await writeMetrics(dir, m);
}

Deno.test("report text: the choice in one sentence with its margin, and nested CV as the headline quality", async () => {
  const html = await render(withNestedCv);
  const texts = textNodes(html).join(" ");
  assert.match(
    texts,
    /Почему эта модель\.\s+Выбрана модель «Ансамбль \(мягкое голосование\)»: .* разница 0,004 меньше одной стандартной ошибки \(0,015\), то есть на этих данных модели одинаково хороши/,
  );
  assert.match(texts, /в 4 из 5 разбиений\./);
  assert.match(texts, /вложенная кросс-валидация\s+\(5\sвнешних фолдов × 1\sповтор\)/);
  assert.match(texts, /ROC-AUC процедуры выбора —\s+0,912 \[0,882; 0,942\]/);
  assert.match(
    html,
    /<td>Ансамбль \(мягкое голосование\)<\/td><td class="num">0,913\s\[0,883;(\s|&nbsp;)0,943\]<\/td><td class="num">4 из 5<\/td>/,
  );
  assert.match(
    texts,
    /Пятый кандидат — ансамбль лучших моделей \(среднее вероятностей: k ближайших соседей \+ Метод опорных векторов; веса равные/,
  );
  assert.match(
    texts,
    /Вложенная кросс-валидация: 5 внешних фолдов × 1 .* ROC-AUC процедуры выбора 0,912 \[0,882; 0,942\]/,
  );
  const before = await render();
  assert.doesNotMatch(before, /Почему эта модель/, "files written before the margin existed show no sentence");
});

/** metrics.json with calibrated probabilities and the seed stability, as a run with both writes it. */
function withCalibration(calibration: MetricsArtifact["best"]["calibration"], stable = false) {
  return async (dir: string) => {
    const m = await readMetrics(dir);
    m.best.calibration = calibration;
    const s = stabilityFixture();
    m.stability = stable ? { ...s, actionSameUnderAll: 0.95, profitAtRisk: { min: 100, max: 104 } } : s;
    await writeMetrics(dir, m);
    // Two customers on isotonic's top step of 100 %.
    const o = await readOffers(dir);
    for (const c of o.offers.slice(0, 2)) c.probability = 1;
    await writeOffers(dir, o);
  };
}

/** The text of one section, tags dropped and spaces collapsed (no-break spaces kept). */
function sectionText(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  const section = html.slice(start, html.indexOf("</section>", start));
  return textNodes(`>${section}<`).join(" ").replace(
    /&#x([\dA-F]+);/gi,
    (_, h) => String.fromCodePoint(parseInt(h, 16)),
  )
    .replace(/[ \t\r\n]+/g, " ");
}

Deno.test("report text: the summary headlines the nested-CV quality with its range, the hold-out beside it", async () => {
  const nested = sectionText(await render(withNestedCv), "summary");
  assert.match(
    nested,
    /модель ставит первого выше в 91 случае из 100 \(вероятный диапазон — от 88 до 94\), когда весь выбор модели повторялся заново без части покупателей и проверялся на них, и в 90 случаях — на отдельно отложенных покупателях\./,
  );
  assert.match(nested, /в 91 случае из 100 модель верно отличает/, "the KPI");
  // A file from before nested CV: the repeated CV's mean and interval, said as before.
  const old = sectionText(await render(), "summary");
  assert.match(
    old,
    /в 90 случаях из 100 \(вероятный диапазон — от 87 до 93\), при проверке на данных, которых модель не видела/,
  );
});

Deno.test("report text: calibration — which method and why, Brier before → after, money on the calibrated scale", async () => {
  const html = await render(withCalibration(calibrationFixture()));
  const model = sectionText(html, "model");
  assert.match(
    model,
    /Калибровка вероятностей Вероятности модели откалиброваны — переведены в доли, которые сбываются на деле; способ — изотоническая регрессия/,
  );
  assert.match(
    model,
    /изотоническая лучше на 0,0036 — больше одной стандартной ошибки разницы \(0,0022\), поэтому выбрана она\./,
  );
  assert.match(
    model,
    /На отложенной выборке оценка Брайера .* до калибровки 0,121, после — 0,106: вероятности стали точнее\./,
  );
  assert.match(model, /Прибыль под риском, ожидаемый эффект и порог считаются по откалиброванным вероятностям/);
  assert.match(
    model,
    /Верхняя ступень — 100\u00A0% \(2\u00A0покупателя\)\. Вероятность 100\u00A0% означает не уверенность в каждом покупателе/,
    "the top step from offers.json",
  );
  const method = sectionText(html, "method");
  assert.match(method, /Калибровка Перекрёстная калибровка: калибратор обучается на вероятностях вне фолда/);
  assert.match(method, /CalibratedClassifierCV\(ensemble=False\).* Способ выбран на 5 внутренних фолдах/);
  const platt = sectionText(await render(withCalibration(calibrationFixture({ method: "sigmoid" }))), "model");
  assert.match(platt, /способ — калибровка Платта/);
  assert.doesNotMatch(platt, /ступен/, "Platt's curve has no steps");
  const off = sectionText(await render(withCalibration(null)), "model");
  assert.match(off, /Вероятности модели не калибровались \(в конфигурации calibration\.method = none\)/);
  const before = await render();
  assert.match(sectionText(before, "model"), /Сведений о калибровке вероятностей нет/);
});

Deno.test("report text: the method section states the decision's stability across seeds, with its verdict", async () => {
  const method = sectionText(await render(withCalibration(calibrationFixture())), "method");
  assert.match(
    method,
    /Устойчивость к зерну Весь расчёт .* повторён для 3\u00A0зёрен случайности: основное 42 и 1, 2\./,
  );
  assert.match(
    method,
    /Побеждали разные модели: «Метод опорных векторов» — 2\u00A0раза, «Логистическая регрессия» — 1\u00A0раз\./,
  );
  assert.match(method, /Порог — от 0,397 до 0,462/);
  assert.match(method, /при всех зёрнах сразу — у 77,5\u00A0%; назначенное действие — не меньше чем у 80,0\u00A0%/);
  assert.match(
    method,
    /ожидаемый чистый эффект кампании — от \u22125,5 до 3,5\u00A0усл\.\u00A0ед\. Вывод: решение зависит от зерна/,
  );
  const stable = sectionText(await render(withCalibration(calibrationFixture(), true)), "method");
  assert.match(stable, /Вывод: решение устойчиво — при всех зёрнах действие одинаково у 95,0\u00A0% покупателей/);
  const none = sectionText(await render(), "method");
  assert.match(none, /Устойчивость к зерну Устойчивость к зерну случайности не измерялась/);
});
