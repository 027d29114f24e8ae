/**
 * The run configuration: every setting that changes what a run computes or
 * what its report says, with its default, in one typed object. Every stage
 * takes it, every JSON artifact records it, and the report reads folds,
 * repeats, horizon and significance levels from it — never from a literal.
 *
 * A config file (`--config FILE`, JSON) may hold any subset of the keys;
 * command-line flags override the file. Unknown keys and wrong types are
 * usage errors naming the key. The schema is zod's (npm `zod`): a strict
 * object schema reports unknown keys and every wrong value with its path in
 * one pass, and gives the parsed type without a second declaration.
 *
 * Worker threads are not part of it: they change how fast a run is, never
 * what it computes.
 *
 * @module
 */
import * as z from "zod";

const share = (what: string) => z.number().gt(0, `${what} above 0`).lt(1, `${what} below 1`);
const whole = (min: number) => z.number().int(`a whole number ≥ ${min}`).min(min, `a whole number ≥ ${min}`);
const money = z.number().min(0, "an amount ≥ 0").finite();

/** The schema with the defaults; see the README's table of keys. */
export const RUN_CONFIG_SCHEMA = z.strictObject({
  /** Every random choice: the hold-out split, folds, SVC's Platt folds, k-means, SHAP permutations. */
  seed: whole(0).default(42),
  /** Share of customers held out (stratified, duplicate groups kept whole) to check the final model. */
  holdoutShare: share("a share").default(0.25),
  cv: z.strictObject({
    /** Folds of the stratified cross-validation inside the search. */
    folds: whole(2).default(5),
    /** Repeats of the repeated stratified k-fold CV that estimates quality. */
    repeats: whole(1).default(5),
  }).prefault({}),
  nestedCv: z.strictObject({
    /** Outer folds of the nested CV that estimates the whole selection (search, ensemble, choice). */
    folds: whole(2).default(5),
    /** Repeats of the outer split, each with its own shuffle; 0 switches the nested CV off. */
    repeats: whole(0).default(1),
  }).prefault({}),
  calibration: z.strictObject({
    /** `auto`: Platt or isotonic, chosen on inner folds (`src/models/calibration.ts`); `none`: raw probabilities. */
    method: z.enum(["auto", "none"]).default("auto"),
  }).prefault({}),
  threshold: z.strictObject({
    /**
     * `min_recall`: the highest probability at which at least `minRecall` of
     * the training customers whose activity dropped are flagged (out-of-fold).
     */
    rule: z.literal("min_recall").default("min_recall"),
    minRecall: share("a recall").default(0.8),
  }).prefault({}),
  training: z.strictObject({
    /**
     * Customers the model is trained and searched on when the export has more
     * (stratified by the label, duplicate groups whole); everyone is scored.
     */
    sampleSize: whole(100).default(4000),
  }).prefault({}),
  /** Months of profit at risk: the label describes a drop over the next quarter. */
  horizonMonths: whole(1).default(3),
  significance: z.strictObject({
    /** Benjamini–Hochberg corrected p-value below which a segment difference is significant. */
    alpha: share("a significance level").default(0.05),
    /** Smallest |Cliff's δ| that counts (0.147: "small", Romano et al. 2006). */
    minCliffsDelta: z.number().min(0).max(1).default(0.147),
    /** Smallest Cramér's V that counts (0.1: Cohen's "small"). */
    minCramersV: z.number().min(0).max(1).default(0.1),
  }).prefault({}),
  segments: z.strictObject({
    /** Monthly profit quantile at and above which profit is "high" in the risk × profit matrix. */
    profitQuantile: share("a quantile").default(0.5),
    /** Monthly profit quantile of the "most profitable at risk" segment. */
    topProfitQuantile: share("a quantile").default(0.75),
    /** Promo share cut of the promo segment; null: the two-class (Otsu) cut of the data. */
    promoCut: z.number().min(0).max(1).nullable().default(null),
  }).prefault({}),
  explain: z.strictObject({
    /** Permutations per customer for sampled SHAP (KNN, SVC); even (antithetic pairs). */
    samples: whole(2).refine((n) => n % 2 === 0, "an even whole number").default(64),
    /** k-means centroids of the training rows that stand for "feature unknown". */
    backgroundSize: whole(1).default(16),
  }).prefault({}),
  stability: z.strictObject({
    /** Seeds run besides the run's own to measure how much the decision depends on it; [] switches it off. */
    seeds: z.array(whole(0), "a list of whole numbers ≥ 0").refine(
      (s) => new Set(s).size === s.length,
      "distinct whole numbers",
    )
      .default([1, 2, 3, 4]),
  }).prefault({}),
  campaign: z.strictObject({
    /**
     * Cost of one contact per channel, in the money.csv unit. The defaults are
     * assumptions (monthly profit is ≈ 4 units): a message costs a fraction of
     * a unit, a call half a unit, the site nothing extra.
     */
    costPerContact: z.strictObject({
      email: money.default(0.01),
      push: money.default(0.005),
      sms: money.default(0.05),
      call: money.default(0.5),
      site: money.default(0),
    }).prefault({}),
    /** Assumed relative reduction of the drop probability by an offer (0.1: 10 % fewer drops). */
    assumedEffect: share("an effect").default(0.1),
    /** Two-sided significance level of the control-group sizing. */
    alpha: share("a significance level").default(0.05),
    /** Power of the control-group sizing: chance to detect the assumed effect if it is real. */
    power: share("a power").default(0.8),
    /** Largest share of an action segment held out as its control group. */
    controlShare: z.number().gt(0, "a share above 0").max(0.5, "a share of at most 0.5").default(0.5),
  }).prefault({}),
  /** The unit of money.csv's profit, as the report names it. */
  moneyUnit: z.string().min(1, "a non-empty name").default("усл. ед."),
});

/** The run configuration (every key present). */
export type RunConfig = z.output<typeof RUN_CONFIG_SCHEMA>;

/** What a config file or flags may give: any subset of the keys. */
export type RunConfigInput = z.input<typeof RUN_CONFIG_SCHEMA>;

/** The defaults. */
export const DEFAULT_CONFIG: RunConfig = RUN_CONFIG_SCHEMA.parse({});

/** A config value that is not what its key expects. */
export interface ConfigProblem {
  /** Dotted key, e.g. `cv.folds`. */
  key: string;
  /** What was expected, in plain words. */
  expected: string;
  /** The value found, as JSON (absent for an unknown key). */
  found?: string;
  /** The key is not one of the config's. */
  unknown?: true;
}

/**
 * Validates `input` and fills in the defaults; returns the config or every
 * problem found.
 *
 * @example
 * ```ts
 * const r = parseRunConfig({ cv: { folds: 3 } });
 * if (r.ok) r.config.cv.repeats; // 5
 * ```
 */
export function parseRunConfig(
  input: unknown,
): { ok: true; config: RunConfig } | { ok: false; problems: ConfigProblem[] } {
  const r = RUN_CONFIG_SCHEMA.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  const problems = r.error.issues.flatMap((issue): ConfigProblem[] => {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ key: [...at, k].join("."), expected: `one of ${knownKeys(at)}`, unknown: true }));
    }
    return [{ key: at.join(".") || "(the whole file)", expected: expectedText(issue), found: foundText(input, at) }];
  });
  return { ok: false, problems };
}

/**
 * Deep-merges config inputs, later ones winning (file, then flags).
 *
 * @example
 * ```ts
 * mergeInputs({ cv: { folds: 3 } }, { seed: 1 }); // { cv: { folds: 3 }, seed: 1 }
 * ```
 */
export function mergeInputs(...inputs: unknown[]): unknown {
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  return inputs.reduce((acc: unknown, next) => {
    if (!isObject(acc) || !isObject(next)) return next === undefined ? acc : next;
    const out: Record<string, unknown> = { ...acc };
    for (const [k, v] of Object.entries(next)) out[k] = mergeInputs(out[k], v);
    return out;
  }, {});
}

function knownKeys(path: string[]): string {
  let shape: z.ZodType = RUN_CONFIG_SCHEMA;
  for (const k of path) shape = objectShape(shape)?.[k] ?? shape;
  const keys = Object.keys(objectShape(shape) ?? {});
  return keys.map((k) => `«${[...path, k].join(".")}»`).join(", ");
}

/** The fields of an object schema, looking through defaults. */
function objectShape(t: z.ZodType): Record<string, z.ZodType> | undefined {
  let s: z.ZodType = t;
  for (let i = 0; i < 4 && !(s instanceof z.ZodObject); i++) {
    const inner = (s as unknown as { def?: { innerType?: z.ZodType } }).def?.innerType;
    if (!inner) return undefined;
    s = inner;
  }
  return s instanceof z.ZodObject ? s.shape as Record<string, z.ZodType> : undefined;
}

function expectedText(issue: z.core.$ZodIssue): string {
  if (!issue.message.startsWith("Invalid")) return issue.message; // ours, already in words
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "object" ? "an object of keys" : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function foundText(input: unknown, path: string[]): string {
  let v: unknown = input;
  for (const k of path) v = (v as Record<string, unknown> | undefined)?.[k];
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + "…" : s;
}
