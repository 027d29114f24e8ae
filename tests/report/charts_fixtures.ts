/**
 * Small, hand-made inputs for the chart tests: an EDA summary of a seeded
 * frame, and metrics, explanations and segments of the artifact types (the parts the charts read).
 */
import { type EdaSummary, edaSummary } from "../../src/eda/mod.ts";
import type {
  ExplanationsArtifact,
  FamilyScores,
  ModelMetrics,
  RiskProfitPoint,
  SegmentsArtifact,
} from "../../src/report/charts/types.ts";
import { Rng, seedKey } from "../../src/util/random.ts";
import { edaFrame } from "../eda/fixtures.ts";

/** The EDA summary of 300 seeded customers. */
export function summaryFixture(seed = 1): EdaSummary {
  return edaSummary(edaFrame(300, seed, { pages_per_visit: -1.5, minutes_current: -1 }));
}

/** A summary whose popular category has a value that looks like markup. */
export function hostileSummary(): EdaSummary {
  const s = summaryFixture();
  const popular = s.categorical.find((c) => c.feature === "popular_category")!;
  popular.levels[0]!.value = "<script>alert('x')</script> & «техника»";
  return s;
}

const family = (name: FamilyScores["family"], cv: number, test: number): FamilyScores => ({
  family: name,
  params: {},
  scaler: "standard",
  cvAuc: cv,
  cvAucStd: 0.03,
  testAuc: test,
  fits: 10,
  seconds: 1,
  repeatedCv: { mean: cv - 0.005, std: 0.02, interval: [cv - 0.045, cv + 0.035] },
});

/** metrics.json of a made-up selection with 8 hold-out customers. */
export function metricsFixture(): ModelMetrics {
  const svc = family("svc", 0.918, 0.887);
  return {
    config: { cv: { folds: 5, repeats: 5 } },
    families: [family("knn", 0.916, 0.886), family("tree", 0.884, 0.845), family("logistic", 0.911, 0.886), svc],
    best: {
      ...svc,
      cvAucInterval: svc.repeatedCv.interval,
      threshold: 0.4624,
      thresholdRule: { rule: "min_recall", minRecall: 0.8 },
      holdout: {
        auc: 0.887,
        confusion: { tp: 3, fp: 1, tn: 3, fn: 1 },
        precision: 0.75,
        recall: 0.75,
        f1: 0.75,
        brier: 0.106,
        roc: [
          { threshold: null, fpr: 0, tpr: 0 },
          { threshold: 0.9, fpr: 0, tpr: 0.5 },
          { threshold: 0.5, fpr: 0.25, tpr: 0.75 },
          { threshold: 0.2, fpr: 0.5, tpr: 1 },
          { threshold: 0.1, fpr: 1, tpr: 1 },
        ],
        pr: [
          { threshold: 0.9, precision: 1, recall: 0.5 },
          { threshold: 0.5, precision: 0.75, recall: 0.75 },
          { threshold: 0.2, precision: 0.67, recall: 1 },
          { threshold: 0.1, precision: 0.5, recall: 1 },
        ],
        reliability: [
          { from: 0, to: 0.5, count: 4, meanPredicted: 0.2, observedRate: 0.25 },
          { from: 0.5, to: 1, count: 4, meanPredicted: 0.8, observedRate: 0.75 },
          { from: 0.9, to: 1, count: 0, meanPredicted: 0, observedRate: 0 },
        ],
      },
    },
  };
}

/** explanations.json of `customers` seeded customers over three features, one with a hostile label. */
export function explanationsFixture(customers = 50, hostile = false): ExplanationsArtifact {
  const rng = new Rng().reset(seedKey(9));
  const features = [
    { feature: "pages_per_visit", label: "Страниц за визит", scale: 0.1 },
    { feature: "promo_share", label: hostile ? "<img src=x onerror=alert(1)>" : "Доля акционных покупок", scale: 0.05 },
    { feature: "service_type", label: "Тип сервиса", scale: 0.01 },
  ];
  const beeswarm = features.flatMap((f) =>
    Array.from({ length: customers }, () => {
      const valueRank = rng.next();
      return {
        feature: f.feature,
        label: f.label,
        phi: f.scale * (valueRank - 0.5 + 0.3 * rng.normal()),
        value: valueRank,
        valueRank,
      };
    })
  );
  const importance = features
    .map((f) => ({
      feature: f.feature,
      label: f.label,
      meanAbs: beeswarm.filter((p) => p.feature === f.feature).reduce((s, p) => s + Math.abs(p.phi), 0) / customers,
    }))
    .sort((a, b) => b.meanAbs - a.meanAbs);
  return { output: "probability", importance, beeswarm };
}

/** segments.json with two kinds of segments. */
export function segmentsFixture(name = "Удержать в первую очередь"): SegmentsArtifact {
  const seg = (id: string, kind: "matrix" | "store", segmentName: string, size: number, risk: number) => ({
    id,
    kind,
    name: segmentName,
    definition: `определение «${segmentName}»`,
    size,
    customerShare: size / 1000,
    profitShare: size / 1000,
    meanProbability: 0.5,
    meanProbabilityRest: 0.3,
    flagged: size,
    profitAtRisk: risk,
    profitAtRiskShare: risk / 5000,
    horizonMonths: 3,
    profile: [],
    composition: { categories: [], dynamics: [] },
    recommendations: [],
    conclusion: { reason: "no_difference" as const, text: "Отличий не найдено." },
  });
  return {
    segments: [
      seg("retain_first", "matrix", name, 224, 2840.9),
      seg("maintain", "matrix", "Поддерживать без затрат", 427, 470.3),
      seg("kids", "store", "Товары для детей", 329, 1698.9),
    ],
  };
}

/** Seeded customers in the risk–profit plane. */
export function riskPointsFixture(n = 200): RiskProfitPoint[] {
  const rng = new Rng().reset(seedKey(11));
  return Array.from({ length: n }, () => ({ probability: rng.next(), profit: 1 + 6 * rng.next() }));
}
