/**
 * A small artifact set of the types of src/artifacts/ (quality.json,
 * metrics.json, search.json, explanations.json, segments.json, offers.json,
 * eda.json, two charts) and the offers.csv export, written by the tests
 * through the artifact writers, never taken from real data; and a one-cell
 * notebook that copies such a set into $ONECLICK_OUT, so the whole build can
 * run without the real notebooks.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { jupyterPath } from "../../src/notebook/kernelspec.ts";
import { smallRun } from "../artifacts/fixtures.ts";
import {
  buildCampaignPlanArtifact,
  buildEdaArtifact,
  type EdaArtifact,
  type ExplanationsArtifact,
  type MetricsArtifact,
  OFFERS_SCHEMA_VERSION,
  type OffersArtifact,
  type QualityArtifact,
  readOffers,
  readSegments,
  type SearchArtifact,
  type SegmentArtifact,
  SEGMENTS_SCHEMA_VERSION,
  type SegmentsArtifact,
  writeCampaignPlan,
  writeEda,
  writeExplanations,
  writeMetrics,
  writeOffers,
  writeQuality,
  writeSearch,
  writeSegments,
} from "../../src/artifacts/mod.ts";
import { mergeInputs, parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { CATEGORIES } from "../../src/data/schema.ts";
import { composition } from "../../src/segments/composition.ts";
import { offersCsv } from "../../src/segments/offers_csv.ts";
import type { Offer } from "../../src/segments/offers.ts";
import { Rng, seedKey } from "../../src/util/random.ts";
import { summaryFixture } from "./charts_fixtures.ts";

/** What to vary in the fixture. */
let small: ReturnType<typeof smallRun> | undefined;
/** {@linkcode smallRun}, once per test module (a few seconds). */
export function smallRunOnce(): ReturnType<typeof smallRun> {
  return small ??= smallRun();
}

export interface FixtureOptions {
  demo?: boolean;
  /** Text put into a segment name, an offer's cell and reason, and an EDA conclusion. */
  hostile?: string;
  /** Charts to write (names without .svg). */
  charts?: string[];
  /** Config keys that differ from the defaults (as in a `--config` file). */
  config?: Record<string, unknown>;
}

/** The fixture's run config: the defaults with `overrides`. */
export function fixtureConfig(overrides: Record<string, unknown> = {}): RunConfig {
  const r = parseRunConfig(mergeInputs(overrides));
  if (!r.ok) throw new Error(`fixture config: ${JSON.stringify(r.problems)}`);
  return r.config;
}

const MATRIX = [
  ["retain_first", "Удержать в первую очередь", true, true],
  ["retain_cheaply", "Удержать недорогими средствами", true, false],
  ["keep_and_grow", "Беречь и развивать", false, true],
  ["maintain", "Поддерживать без затрат", false, false],
] as const;

/** A chart SVG like the notebooks write: ids, a clip path, Cyrillic text. */
export function fixtureSvg(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320">` +
    `<defs><clipPath id="clip"><rect width="640" height="320"/></clipPath></defs>` +
    `<g clip-path="url(#clip)"><rect x="0" y="0" width="640" height="320" fill="#eef2f7"/>` +
    `<path d="M40 280 L200 120 L360 160 L600 40" stroke="#c2410c" stroke-width="3" fill="none"/>` +
    `<text x="40" y="40" font-size="18">${title}: ёлка, щука, 1 234,5</text></g></svg>\n`;
}

/** Writes the fixture artifacts into `dir`; returns the customers' count. */
export async function writeFixtureArtifacts(dir: string, o: FixtureOptions = {}): Promise<number> {
  const rng = new Rng().reset(seedKey(7));
  const rand = () => rng.next();
  const config = fixtureConfig(o.config);
  const h = config.horizonMonths;
  const n = 40;
  const threshold = 0.46;
  const customers = Array.from({ length: n }, (_, i) => {
    const probability = Math.round(rand() * 1000) / 1000;
    const profit = Math.round((2 + rand() * 5) * 100) / 100;
    return { id: String(215400 + i), probability, profit };
  });
  // Each customer's favourite category and monthly series, for the segments' composition.
  const columns = {
    rows: n,
    categorical: { popular_category: customers.map((_, i) => CATEGORIES[i % CATEGORIES.length]!) },
    numeric: Object.fromEntries(
      [["revenue_prev_prev", 4800], ["revenue_prev", 4900], ["revenue_current", 5100], ["minutes_prev", 13], [
        "minutes_current",
        12,
      ]].map(([f, base]) => [f, Float64Array.from(customers, (c) => Number(base) * (1.2 - c.probability / 2))]),
    ),
  };
  const profitCut = [...customers].map((c) => c.profit).sort((a, b) => a - b)[n / 2]!;
  const cellOf = (c: { probability: number; profit: number }) =>
    MATRIX.find(([, , risk, high]) => (c.probability >= threshold) === risk && (c.profit >= profitCut) === high)!;
  const totalRisk = customers.reduce((s, c) => s + c.probability * c.profit * h, 0);
  const totalProfit = customers.reduce((s, c) => s + c.profit, 0);
  const segment = (
    id: string,
    name: string,
    kind: "matrix" | "store",
    members: typeof customers,
  ): SegmentArtifact => {
    const risk = members.reduce((s, c) => s + c.probability * c.profit * h, 0);
    const mean = (xs: typeof customers) => xs.reduce((s, c) => s + c.probability, 0) / xs.length;
    const rest = customers.filter((c) => !members.includes(c));
    const atRisk = members.some((c) => c.probability >= threshold);
    const recommendations = atRisk
      ? [
        {
          rule: "abandoned_cart",
          lever: "cart_reminder",
          features: ["unpaid_items_quarter"],
          text: "Больше неоплаченных товаров в корзине: неоплаченные товары за квартал — 3,86 против 2,63 " +
            "(δ 0,33; p < 0,001). Напоминать о брошенной корзине.",
        },
        ...(kind === "matrix"
          ? [{
            rule: "category_focus",
            lever: "category_offer",
            features: ["popular_category"],
            text: "Чаще выбирают категорию «Товары для детей»: 40,0 % против 20,0 % (V 0,20; p = 0,002). " +
              "Делать подборки и акции в этой категории.",
          }]
          : []),
      ]
      : [];
    return {
      id,
      kind,
      name,
      definition: `определение сегмента «${name}»`,
      size: members.length,
      customerShare: members.length / n,
      profitShare: members.reduce((s, c) => s + c.profit, 0) / totalProfit,
      meanProbability: members.length ? mean(members) : null,
      meanProbabilityRest: rest.length ? mean(rest) : null,
      flagged: members.filter((c) => c.probability >= threshold).length,
      profitAtRisk: risk,
      profitAtRiskShare: risk / totalRisk,
      horizonMonths: h,
      profile: [
        {
          feature: "pages_per_visit",
          label: "Страниц за визит",
          type: "number",
          meanIn: 4.5,
          meanOut: 8.9,
          effect: -0.65,
          p: 1e-10,
          pAdjusted: 2e-10,
          notable: true,
        },
        {
          feature: "unpaid_items_quarter",
          label: "Неоплаченные товары за квартал",
          type: "number",
          meanIn: 3.86,
          meanOut: 2.63,
          effect: 0.33,
          p: 1e-12,
          pAdjusted: 7e-12,
          notable: atRisk,
        },
        {
          feature: "popular_category",
          label: "Популярная категория",
          type: "category",
          levels: [{ value: "Товары для детей", shareIn: 0.4, shareOut: 0.2 }, {
            value: "Домашний текстиль",
            shareIn: 0.6,
            shareOut: 0.8,
          }],
          effect: 0.2,
          p: 0.001,
          pAdjusted: 0.002,
          notable: atRisk && kind === "matrix",
        },
      ],
      composition: composition(columns, Uint8Array.from(customers, (c) => members.includes(c) ? 1 : 0)),
      recommendations,
      conclusion: atRisk ? null : {
        reason: "low_risk",
        text: `Риск низкий: средняя вероятность снижения ниже, чем у остальных, — вывод сегмента «${name}».`,
      },
    };
  };
  const segments = [
    ...MATRIX.map(([id, name]) => segment(id, name, "matrix", customers.filter((c) => cellOf(c)[0] === id))),
    segment(
      "promo_at_risk",
      o.hostile ?? "Любители акций под риском",
      "store",
      customers.filter((c) => c.probability >= threshold && c.profit < 4),
    ),
  ];
  const offers: Offer[] = customers.map((c, i) => ({
    id: c.id,
    probability: c.probability,
    profit: c.profit,
    profitAtRisk: c.probability * c.profit * h,
    cell: i === 0 && o.hostile ? o.hostile : cellOf(c)[1],
    segments: ["Товары для детей"],
    reasons: ["Страниц за визит ↑", i === 1 && o.hostile ? o.hostile : "Доля акционных покупок ↑"],
    action: "personal_content" as const,
    actionName: "Персональная подборка",
    actionSegment: c.probability >= threshold ? "prevent" as const : "maintain" as const,
    actionSegmentName: c.probability >= threshold ? "Удержать остальных" : "Поддерживать",
    channel: "site" as const,
    channelName: "сайт",
    group: "offer" as const,
    groupName: "предложение",
    category: "Товары для детей",
    activity: "Прежний уровень",
    consent: true,
    actionCost: 0,
    expectedSaved: 0.1 * c.probability * c.profit * h,
    reasonFeature: null,
    consentFallback: false,
    reasonDetails: [],
  })).sort((a, b) => b.profitAtRisk - a.profitAtRisk || Number(a.id) - Number(b.id));
  const positives = 16;
  const family = (name: "knn" | "logistic", auc: number): MetricsArtifact["families"][number] => ({
    family: name,
    params: name === "knn" ? { k: 5, weights: "distance", metric: "euclidean" } : { penalty: "l2", C: 0.1 },
    scaler: name === "knn" ? "standard" : "minmax",
    cvAuc: auc,
    cvAucStd: 0.03,
    testAuc: auc - 0.02,
    fits: 15,
    seconds: 0.5,
    repeatedCv: { mean: auc - 0.01, std: 0.02, interval: [auc - 0.04, auc + 0.02] },
  });
  const best = family("logistic", 0.91);
  const format = { separator: ";", decimal: ",", lineEnding: "CRLF", bom: false, encoding: "utf-8" } as const;
  const identity = (folder: string) =>
    ({ folder, exportDate: "2026-11-30", exportDateFrom: "files", hash: "0123456789ab" }) as const;
  const quality: QualityArtifact = {
    schemaVersion: 2,
    config,
    source: o.demo
      ? { dir: "/tmp/demo-data", kind: "demo", origin: "demo", note: "DEMO DATA", identity: identity("demo-data") }
      : { dir: "/data/one-click", kind: "user", origin: "--data", identity: identity("one-click") },
    tables: {
      market_file: { file: "market_file.csv", rows: 41, format, blankLines: 0 },
      market_money: { file: "market_money.csv", rows: 123, format, blankLines: 0 },
      market_time: { file: "market_time.csv", rows: 82, format, blankLines: 0 },
      money: { file: "money.csv", rows: 41, format, blankLines: 0 },
    },
    fixes: [{ table: "market_file", column: "service_type", from: "стандартт", to: "стандарт", count: 2 }],
    steps: [
      { step: "inactive_customers", rule: "removed", count: 1, ids: ["215399"] },
      { step: "revenue_outliers", rule: "replaced", count: 1, ids: ["215401"] },
      { step: "duplicate_records", rule: "grouped", count: 2, ids: ["215402", "215403"] },
    ],
    outliers: [{
      id: "215401",
      period: "текущий_месяц",
      value: 106862.2,
      score: 131.3,
      bounds: [0, 1],
      replacedWith: 5179.95,
    }],
    revenueRules: [],
    labelled: true,
    duplicates: {
      groups: 1,
      customers: 2,
      identicalEverywhere: 0,
      conflictingTarget: 0,
      members: [["215402", "215403"]],
    },
    customers: n,
    classBalance: { "Снизилась": positives, "Прежний уровень": n - positives },
  };
  const metrics: MetricsArtifact = {
    schemaVersion: 1,
    config,
    data: { customers: n, train: 30, test: 10, positives },
    search: { candidates: 6, fits: 30, seconds: 1.234 },
    families: [family("knn", 0.89), best],
    best: {
      ...best,
      cvAucInterval: best.repeatedCv.interval,
      threshold,
      thresholdRule: { rule: config.threshold.rule, minRecall: config.threshold.minRecall },
      holdout: {
        auc: 0.9,
        confusion: { tp: 3, fp: 1, tn: 5, fn: 1 },
        precision: 0.75,
        recall: 0.75,
        f1: 0.75,
        brier: 0.11,
        roc: [],
        pr: [],
        reliability: [],
      },
    },
  };
  const candidate = (family: "knn" | "logistic", params: Record<string, unknown>, meanAuc: number) => ({
    family,
    params,
    scaler: family === "knn" ? "standard" as const : "minmax" as const,
    meanAuc,
    stdAuc: 0.02,
    foldAuc: Array.from({ length: config.cv.folds }, () => meanAuc),
    fitSeconds: 0.01,
  });
  const search: SearchArtifact = {
    schemaVersion: 1,
    config,
    candidates: [
      ...[1, 3, 5].map((k) => candidate("knn", { k }, 0.8)),
      ...[0.1, 1, 10].map((C) => candidate("logistic", { C }, 0.9)),
    ],
  };
  const explanations: ExplanationsArtifact = {
    schemaVersion: 1,
    config,
    method: "exact linear SHAP of the log-odds (fixture)",
    output: "probability",
    base: 0.4,
    customers: n,
    importance: [
      { feature: "pages_per_visit", label: "Страниц за визит", meanAbs: 0.097 },
      { feature: "promo_share", label: "Доля акционных покупок", meanAbs: 0.061 },
      { feature: "popular_category", label: "Популярная категория", meanAbs: 0.02 },
    ],
    beeswarm: customers.flatMap((_, i) => [
      { feature: "pages_per_visit", label: "Страниц за визит", phi: 0.1 - i / 200, value: i, valueRank: i / n },
      {
        feature: "promo_share",
        label: "Доля акционных покупок",
        phi: -0.1 + i / 200,
        value: i / n,
        valueRank: i / n,
      },
      {
        feature: "popular_category",
        label: "Популярная категория",
        phi: i % 2 ? 0.02 : -0.01,
        value: i % 2 ? "Товары для детей" : "Домашний текстиль",
        valueRank: i % 2,
      },
    ]),
  };
  const segmentsArtifact: SegmentsArtifact = {
    schemaVersion: SEGMENTS_SCHEMA_VERSION,
    config,
    cuts: {
      threshold,
      profitQuantile: 0.5,
      profitCut,
      topProfitQuantile: 0.75,
      topProfitCut: 6,
      promoCut: 0.6,
      promoRule: "given",
    },
    segments,
  };
  const offersArtifact: OffersArtifact = {
    schemaVersion: OFFERS_SCHEMA_VERSION,
    config,
    moneyUnit: config.moneyUnit,
    assumedEffect: config.campaign.assumedEffect,
    threshold,
    horizonMonths: h,
    offers: offers.map((x) => ({
      ...x,
      actionSegment: x.actionSegment as OffersArtifact["offers"][number]["actionSegment"],
      flagged: x.probability >= threshold,
    })),
  };
  const eda: EdaArtifact = buildEdaArtifact({
    summary: summaryFixture(),
    conclusions: ["Активность снизилась у 40 % покупателей.", o.hostile ?? "Выручка растёт."],
  }, config);
  await writeQuality(dir, quality);
  await writeMetrics(dir, metrics);
  await writeSearch(dir, search);
  await writeExplanations(dir, explanations);
  await writeSegments(dir, segmentsArtifact);
  await writeOffers(dir, offersArtifact);
  await writeEda(dir, eda);
  // The campaign plan of one small real run (its customers are not these fixture rows: the campaign
  // section reads only the plan), under this fixture's config.
  const { plan, cuts } = (await smallRunOnce()).segments;
  await writeCampaignPlan(dir, buildCampaignPlanArtifact({ plan, cuts }, config));
  await Deno.writeTextFile(join(dir, "offers.csv"), offersCsv(offers, h));
  await Deno.mkdir(join(dir, "charts"), { recursive: true });
  for (const chart of o.charts ?? ["roc", "shap_importance"]) {
    await Deno.writeTextFile(join(dir, "charts", `${chart}.svg`), fixtureSvg(chart));
  }
  return n;
}

/** A Deno notebook whose cells are `cells`. */
export function notebookJson(cells: string[]): string {
  return JSON.stringify(
    {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# Тест"] },
        ...cells.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
      ],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** A one-notebook folder whose notebook copies the artifact set of `from` into $ONECLICK_OUT. */
export async function writeCopyNotebook(dir: string, from: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "01_copy.ipynb"),
    notebookJson([
      `const from = ${JSON.stringify(from)};\nconst out = Deno.env.get("ONECLICK_OUT")!;\nout`,
      `async function copy(a: string, b: string) {\n  await Deno.mkdir(b, { recursive: true });\n` +
      `  for await (const e of Deno.readDir(a)) {\n    if (e.isDirectory) await copy(a + "/" + e.name, b + "/" + e.name);\n` +
      `    else await Deno.copyFile(a + "/" + e.name, b + "/" + e.name);\n  }\n}\nawait copy(from, out);`,
    ]),
  );
}

/** Whether Jupyter with the Deno kernel can run here (the build tests skip otherwise). */
export async function jupyterAvailable(): Promise<boolean> {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      const r = await new Deno.Command(python, {
        args: [
          "-c",
          "import nbclient, nbconvert\nfrom jupyter_client.kernelspec import KernelSpecManager\n" +
          "KernelSpecManager().get_kernel_spec('deno')",
        ],
        // The project-local kernelspec the build uses (./oneclick writes it), not the user's.
        env: { JUPYTER_PATH: jupyterPath() },
        stdout: "null",
        stderr: "null",
      }).output();
      if (r.success) return true;
    } catch {
      // not this one
    }
  }
  return false;
}

/** Whether a command runs (`--version`). */
export async function commandAvailable(name: string, args = ["--version"]): Promise<boolean> {
  try {
    return (await new Deno.Command(name, { args, stdout: "null", stderr: "null" }).output()).success;
  } catch {
    return false;
  }
}

Deno.test("fixture artifacts: valid for their readers, one offer per customer, the matrix covers everyone", async () => {
  const dir = await Deno.makeTempDir();
  const n = await writeFixtureArtifacts(dir);
  const csv = await Deno.readTextFile(join(dir, "offers.csv"));
  assert.equal(csv.trim().split("\r\n").length - 1, n);
  assert.equal((await readOffers(dir)).offers.length, n);
  const matrix = (await readSegments(dir)).segments.filter((s) => s.kind === "matrix");
  assert.equal(matrix.reduce((a, s) => a + s.size, 0), n);
  await Deno.remove(dir, { recursive: true });
});
