/**
 * The title page and the demo banner.
 *
 * @module
 */
import { ruDateTime } from "../../text/ru_format.ts";
import type { ReportArtifacts, ViewOptions } from "./common.ts";
import { dataName } from "./data.ts";

/** The title page. */
export interface TitleSection {
  store: string;
  built: string;
  source: string;
}

/**
 * The title page: the store, the build time and what data it is about.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * titleSection(artifacts, { builtAt: new Date() }).source; // "выгрузка «one-click» от 30 ноября 2026 г. …"
 * ```
 */
export function titleSection(a: Pick<ReportArtifacts, "quality">, options: ViewOptions): TitleSection {
  return {
    store: "«В один клик»",
    built: `Отчёт сформирован ${ruDateTime(options.builtAt, options.utcOffsetMinutes)}`,
    source: dataName(a.quality),
  };
}

/**
 * The banner on every page of a report on demo data, or null.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * demoSection(artifacts); // null on the store's data
 * ```
 */
export function demoSection(a: Pick<ReportArtifacts, "quality">): { note: string } | null {
  return a.quality.source.kind === "demo"
    ? {
      note: "ДЕМО-ДАННЫЕ: синтетические покупатели, созданные генератором, а не данные магазина. " +
        "Цифры отчёта не описывают реальных покупателей.",
    }
    : null;
}
