/**
 * What every report section shares: the artifacts it is built from (the
 * types of `src/artifacts/`, never declared again), the build options, and
 * a few Russian phrasings used by more than one section.
 *
 * @module
 */
import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
import type { EdaArtifact } from "../../artifacts/eda.ts";
import type { ExplanationsArtifact } from "../../artifacts/explanations.ts";
import { familyLabel } from "../../artifacts/metrics.ts";
import type { MetricsArtifact } from "../../artifacts/metrics.ts";
import type { QualityArtifact } from "../../artifacts/quality.ts";
import type { SearchArtifact } from "../../artifacts/search.ts";
import type { SegmentsArtifact } from "../../artifacts/segments.ts";
import type { OffersDigest } from "../offers_digest.ts";
import { type PluralForms, ruNumber, ruPlural, ruShort } from "../../text/ru_format.ts";

/** Everything the report is made from: one run's artifacts, as their readers return them. */
export interface ReportArtifacts {
  quality: QualityArtifact;
  metrics: MetricsArtifact;
  segments: SegmentsArtifact;
  /** offers.json as the report reads it: aggregates and the first rows (src/report/offers_digest.ts). */
  offers: OffersDigest;
  /** Action segments, economics and control groups. */
  plan: CampaignPlanArtifact;
  /** Optional: without it the method section gives no per-family counts. */
  search?: SearchArtifact | undefined;
  /** Optional: without it the drivers section says what is missing. */
  explanations?: ExplanationsArtifact | undefined;
  /** Optional: without it the EDA section says what is missing. */
  eda?: EdaArtifact | undefined;
}

/** Options of the view: when the report was built. */
export interface ViewOptions {
  /** When the report was built: the one line that differs between builds. */
  builtAt: Date;
  /** UTC offset for the build time, minutes (local time by default). */
  utcOffsetMinutes?: number;
}

/** «покупатель» in its three forms. */
export const CUSTOMERS: PluralForms = ["покупатель", "покупателя", "покупателей"];
/** «месяц» in its three forms. */
export const MONTHS: PluralForms = ["месяц", "месяца", "месяцев"];

/** Russian names of the numeric scalers. */
export const SCALER_LABELS: Record<string, string> = {
  standard: "стандартизация",
  minmax: "приведение к [0; 1]",
  passthrough: "без масштабирования",
};

/** An amount of profit, one decimal. */
export const money = (x: number): string => ruNumber(x, 1);

/** A family's Russian name. */
export const familyName = familyLabel;

/**
 * A candidate's parameters and scaler in words.
 *
 * @example
 * ```ts
 * paramText({ C: 0.1, penalty: "l2" }, "minmax"); // "C = 0,1, penalty = l2; приведение к [0; 1]"
 * ```
 */
export function paramText(params: Record<string, unknown>, scaler: string): string {
  const values = Object.entries(params).map(([k, v]) => `${k} = ${typeof v === "number" ? ruShort(v, 20) : String(v)}`);
  return `${values.join(", ")}; ${SCALER_LABELS[scaler] ?? scaler}`;
}

const WORDS = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"];

/**
 * A count in words up to ten (digits beyond) with its noun, as prose writes
 * small numbers of masculine and neuter nouns: «три месяца», «четыре семейства».
 *
 * @example
 * ```ts
 * ruWords(2, MONTHS); // "два месяца"
 * ruWords(12, MONTHS); // "12 месяцев"
 * ```
 */
export function ruWords(n: number, forms: PluralForms): string {
  return `${WORDS[n] ?? String(n)} ${ruPlural(n, forms)}`;
}

/**
 * The repeated-CV scheme as the text shows it: folds × repeats.
 *
 * @example
 * ```ts
 * cvScheme({ folds: 3, repeats: 2 }); // "3×2"
 * ```
 */
export function cvScheme(cv: { folds: number; repeats: number }): string {
  return `${cv.folds}×${cv.repeats}`;
}
