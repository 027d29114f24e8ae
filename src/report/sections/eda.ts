/**
 * «Что видно в данных»: the EDA's conclusions, from eda.json.
 *
 * @module
 */
import type { ReportArtifacts } from "./common.ts";

/** The EDA section. */
export interface EdaSection {
  /** One finding per sentence; empty without eda.json. */
  conclusions: string[];
}

/**
 * The EDA section.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * edaSection(artifacts).conclusions[0]; // "Активность снизилась у 38 % покупателей…"
 * ```
 */
export function edaSection(a: Pick<ReportArtifacts, "eda">): EdaSection {
  return { conclusions: a.eda?.conclusions ?? [] };
}
