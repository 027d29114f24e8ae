/**
 * The campaign follow-up (`./oneclick campaign`): after the offers of a run
 * went out, the store's next export says who dropped; comparing the offer's
 * group («предложение») with the control group («контроль») per action
 * segment measures what the offers did.
 *
 * - `csv_records.ts` — offers.csv's CSV dialect, read a piece at a time;
 * - `offers_file.ts` — reading the run's offers.csv by header name, into columns;
 * - `proportion_interval.ts` — Wilson and Newcombe intervals;
 * - `mean_interval.ts`, `student_t.ts` — Welch's interval and its t quantile;
 * - `compare_groups.ts` — treatment against control, per segment and pooled;
 * - `measure_campaign.ts` — offers + next export → the comparison;
 * - `campaign_summary.ts` — the Russian summary.
 *
 * campaign.json is `src/artifacts/campaign.ts`.
 *
 * @module
 */
export * from "./csv_records.ts";
export * from "./offers_file.ts";
export * from "./proportion_interval.ts";
export * from "./mean_interval.ts";
export * from "./student_t.ts";
export * from "./compare_groups.ts";
export * from "./measure_campaign.ts";
export * from "./campaign_summary.ts";
