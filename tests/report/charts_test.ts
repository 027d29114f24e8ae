import assert from "node:assert/strict";
import * as charts from "../../src/report/charts/mod.ts";
import {
  explanationsFixture,
  hostileSummary,
  metricsFixture,
  riskPointsFixture,
  segmentsFixture,
  summaryFixture,
} from "./charts_fixtures.ts";

const summary = summaryFixture();
const metrics = metricsFixture();
const explanations = explanationsFixture();
const segments = segmentsFixture();
const points = riskPointsFixture();

/** Every chart, by name, with the Russian texts it must show. */
const CASES: { name: string; render: () => string; texts: string[] }[] = [
  {
    name: "numericByTargetChart",
    render: () => charts.numericByTargetChart(summary, "pages_per_visit"),
    texts: [
      "Страниц за визит: распределение по классам активности",
      "Доля покупателей класса, %",
      "Снизилась",
      "Прежний уровень",
    ],
  },
  {
    name: "numericGridChart",
    render: () => charts.numericGridChart(summary),
    texts: ["Числовые признаки по классам активности", "Маркетинг, среднее за 6", "Прибыль в месяц"],
  },
  {
    name: "categoricalByTargetChart",
    render: () => charts.categoricalByTargetChart(summary, "popular_category"),
    texts: ["Популярная категория: доли по классам активности", "Кухонная посуда", "Доля покупателей класса, %"],
  },
  {
    name: "categoricalGridChart",
    render: () => charts.categoricalGridChart(summary),
    texts: ["Категориальные признаки по классам активности", "Тип сервиса", "Разрешить сообщать", "премиум"],
  },
  {
    name: "periodsChart",
    render: () => charts.periodsChart(summary),
    texts: ["Выручка и время на сайте по месяцам", "Выручка, среднее", "Минут на сайте, среднее", "препредыдущий"],
  },
  {
    name: "associationHeatmap",
    render: () => charts.associationHeatmap(summary),
    texts: ["Связь признаков между собой и с покупательской активностью", "Спирмена", "Крамера", "Покупательская"],
  },
  {
    name: "modelComparisonChart",
    render: () => charts.modelComparisonChart(metrics),
    texts: ["Сравнение моделей: ROC-AUC", "Метод опорных векторов ★", "Дерево решений", "Отложенная выборка"],
  },
  {
    name: "rocChart",
    render: () => charts.rocChart(metrics),
    texts: ["ROC-кривая выбранной модели на отложенной выборке", "ROC-AUC = 0,887", "Рабочий порог 0,46"],
  },
  {
    name: "prChart",
    render: () => charts.prChart(metrics),
    texts: ["Кривая точность — полнота на отложенной выборке", "точность 0,750, полнота 0,750", "Полнота"],
  },
  {
    name: "reliabilityChart",
    render: () => charts.reliabilityChart(metrics),
    texts: ["Калибровка вероятностей на отложенной выборке", "Оценка Брайера 0,106", "Покупателей в группе"],
  },
  {
    name: "shapImportanceChart",
    render: () => charts.shapImportanceChart(explanations),
    texts: ["Важность признаков: среднее |SHAP| по покупателям", "Страниц за визит", "вероятность снижения"],
  },
  {
    name: "shapBeeswarmChart",
    render: () => charts.shapBeeswarmChart(explanations),
    texts: ["Вклад признаков в прогноз по покупателям (SHAP)", "Значение признака:", "низкое", "высокое"],
  },
  {
    name: "segmentsChart",
    render: () => charts.segmentsChart(segments),
    texts: ["Сегменты: прибыль под риском и размер", "Удержать в первую очередь", "Матрица «риск × прибыль»"],
  },
  {
    name: "riskProfitChart",
    render: () => charts.riskProfitChart(points, { threshold: 0.4624, profitCut: 4.04, profitQuantile: 0.5 }),
    texts: [
      "Покупатели: вероятность снижения активности и прибыль",
      "медиана прибыли 4,04",
      "Выше порога модели",
      "Удержать в первую очередь",
      "Прибыль в месяц, усл. ед.",
    ],
  },
];

for (const c of CASES) {
  Deno.test(`${c.name}: one self-contained 680 px <svg> with its Russian texts`, () => {
    const svg = c.render();
    assert.match(svg, /^<svg [^>]*width="680"/);
    assert.ok(svg.endsWith("</svg>"));
    assert.match(svg, /viewBox="0 0 680 \d+"/);
    assert.match(svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const t of c.texts) assert.ok(svg.includes(t), `${c.name} lacks «${t}»`);
    // No ids (clip paths, markers): charts can share one HTML page.
    assert.doesNotMatch(svg, /\sid="/);
    // No long float coordinates: geometry is rounded to 0.01 px.
    assert.doesNotMatch(svg, /\s(?:x|y|cx|cy|width|height)="-?\d+\.\d{3,}"/);
  });

  Deno.test(`${c.name}: same input, same string`, () => {
    assert.equal(c.render(), c.render());
  });
}

Deno.test("data is escaped: a category, a feature label and a segment name that look like markup stay text", () => {
  const outputs = [
    charts.categoricalByTargetChart(hostileSummary(), "popular_category"),
    charts.categoricalGridChart(hostileSummary()),
    charts.shapImportanceChart(explanationsFixture(20, true)),
    charts.shapBeeswarmChart(explanationsFixture(20, true)),
    charts.segmentsChart(segmentsFixture("<script>alert(1)</script>")),
    charts.riskProfitChart(points, { risk: 0.5, profit: 4 }, { quadrants: { highRiskHighProfit: "<b>x</b>" } }),
  ];
  for (const svg of outputs) {
    assert.doesNotMatch(svg, /<script|<img|<b>/);
  }
  // The long value wraps onto two lines (tspans); each line is escaped.
  assert.ok(outputs[0]!.includes(">&lt;script&gt;alert('x')&lt;/script&gt;</tspan>"));
  assert.ok(outputs[0]!.includes(">&amp; «техника»</tspan>"));
  assert.ok(outputs[2]!.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert.ok(outputs[4]!.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(outputs[5]!.includes("&lt;b&gt;x&lt;/b&gt;"));
});

Deno.test("the beeswarm keeps at most maxPerFeature dots per feature and says how many it shows", () => {
  const big = explanationsFixture(1000);
  const svg = charts.shapBeeswarmChart(big, { maxPerFeature: 150 });
  assert.equal((svg.match(/<circle/g) ?? []).length, 3 * 150);
  assert.ok(svg.includes("Показано 450 из 3000 точек"), "note");
  const all = charts.shapBeeswarmChart(explanationsFixture(40), { maxPerFeature: 150 });
  assert.equal((all.match(/<circle/g) ?? []).length, 3 * 40);
  assert.throws(
    () => charts.shapBeeswarmChart(big, { maxPerFeature: 1 }),
    /maxPerFeature must be an integer ≥ 2, got "1"/,
  );
  // 20 000 points (the real data's size) stay a small file.
  assert.ok(charts.shapBeeswarmChart(explanationsFixture(7000)).length < 150_000);
});

Deno.test("riskProfitChart takes segments.json cuts or { risk, profit }, and thins out very many points", () => {
  const a = charts.riskProfitChart(points, { threshold: 0.5, profitCut: 4 });
  const b = charts.riskProfitChart(points, { risk: 0.5, profit: 4 });
  // Two more circles are the legend's swatches.
  assert.equal((a.match(/<circle/g) ?? []).length, 200 + 2);
  assert.equal(a.replace("граница", ""), b.replace("граница", ""));
  const thin = charts.riskProfitChart(riskPointsFixture(1000), { risk: 0.5, profit: 4 }, { maxPoints: 300 });
  assert.equal((thin.match(/<circle/g) ?? []).length, 250 + 2);
  assert.ok(thin.includes("Показано 250 из 1000 покупателей"));
  assert.throws(
    () => charts.riskProfitChart(points, { risk: 1.5, profit: 4 }),
    /Threshold must be in \(0, 1\), got "1.5"/,
  );
});

Deno.test("charts of features the summary lacks are refused with the name quoted", () => {
  assert.throws(
    () => charts.numericByTargetChart(summary, "popular_category"),
    /No numeric feature "popular_category"/,
  );
  assert.throws(() => charts.categoricalByTargetChart(summary, "profit"), /No categorical feature "profit"/);
});

Deno.test("class colours are the same pair in every class chart", () => {
  for (
    const svg of [
      charts.numericByTargetChart(summary, "profit"),
      charts.periodsChart(summary),
      charts.categoricalByTargetChart(summary, "service_type"),
    ]
  ) {
    assert.ok(svg.includes(charts.CLASS_COLORS.dropped) && svg.includes(charts.CLASS_COLORS.same));
  }
});

Deno.test("a summary that went through JSON (NaN → null) still draws", () => {
  const s = summaryFixture();
  s.association.values[0]![1] = NaN;
  const parsed = JSON.parse(JSON.stringify(s));
  const svg = charts.associationHeatmap(parsed);
  assert.match(svg, /^<svg/);
});

Deno.test("model comparison: the repeated-CV legend follows the run's folds and repeats", () => {
  const svg = charts.modelComparisonChart({ ...metricsFixture(), config: { cv: { folds: 3, repeats: 2 } } });
  assert.match(svg, /Повторная CV 3×2/);
  assert.doesNotMatch(svg, /5×5/);
});
