/**
 * What a reader sees in the rendered report's text: the data named without a
 * path, the money unit wherever profit appears, and one minus sign.
 */
import assert from "node:assert/strict";
import { readMetrics, selectionSentence, writeMetrics } from "../../src/artifacts/metrics.ts";
import { readSegments, writeSegments } from "../../src/artifacts/segments.ts";
import { renderReport } from "../../src/report/render.ts";
import { writeFixtureArtifacts } from "./render_fixtures_test.ts";

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
