/**
 * The report's view model: every text the templates show, section by
 * section, built from one run's artifacts by the builders of `sections/`
 * (one per section, named fields). Pure: the artifacts come in as read and
 * validated by `src/artifacts/` (see `render.ts`), the view comes out as
 * plain strings, so the templates only place text.
 *
 * @module
 */
import {
  type CampaignSection,
  campaignSection,
  type ContactsSection,
  contactsSection,
  type DataSection,
  dataSection,
  demoSection,
  type DriversSection,
  driversSection,
  type EdaSection,
  edaSection,
  type MethodSection,
  methodSection,
  type ModelSection,
  modelSection,
  type ReportArtifacts,
  type SegmentsSection,
  segmentsSection,
  type SummarySection,
  summarySection,
  type TitleSection,
  titleSection,
  type ViewOptions,
} from "./sections/mod.ts";
import { type InteractiveSection, interactiveSection } from "./sections/interactive.ts";

export {
  driverDirections,
  type ReportArtifacts,
  SCALER_LABELS,
  TABLE_LABELS,
  TOP_ACTIONS,
  TOP_DRIVERS,
  TOP_OFFERS,
  topActions,
  type ViewOptions,
} from "./sections/mod.ts";

/** The charts the notebooks write, with their captions, in report order. */
export const CHARTS: Record<string, string> = {
  eda_numeric: "Числовые признаки по классам активности",
  eda_categorical: "Категориальные признаки по классам активности",
  eda_periods: "Выручка и время на сайте по месяцам",
  eda_association: "Связи признаков",
  model_comparison: "Качество семейств моделей (ROC-AUC)",
  roc: "ROC-кривая выбранной модели на отложенной выборке",
  pr: "Точность и полнота выбранной модели на отложенной выборке",
  reliability: "Калибровка: предсказанная вероятность и наблюдаемая доля",
  shap_importance: "Средний вклад признаков в вероятность снижения (SHAP)",
  shap_beeswarm: "Вклад признаков для каждого покупателя (SHAP)",
  segments: "Сегменты: размер и прибыль под риском",
  risk_profit: "Риск и прибыль: каждый покупатель",
};

/** The whole report as text, section by section. */
export interface ReportView {
  title: TitleSection;
  demo: { note: string } | null;
  summary: SummarySection;
  data: DataSection;
  eda: EdaSection;
  model: ModelSection;
  drivers: DriversSection;
  segments: SegmentsSection;
  campaign: CampaignSection;
  contacts: ContactsSection;
  method: MethodSection;
  /** The screen-only customer table and explorer, with their embedded data. */
  interactive: InteractiveSection;
}

/**
 * Builds the view from the artifacts: one builder per section.
 *
 * @param a the artifacts of one run, as their readers return them
 * @param options the build time
 * @returns every text of the report
 * @example
 * ```ts
 * import { readArtifacts } from "./render.ts";
 * const view = buildView(await readArtifacts("out/artifacts"), { builtAt: new Date() });
 * view.summary.customers; // "1297"
 * ```
 */
export function buildView(a: ReportArtifacts, options: ViewOptions): ReportView {
  return {
    title: titleSection(a, options),
    demo: demoSection(a),
    summary: summarySection(a),
    data: dataSection(a),
    eda: edaSection(a),
    model: modelSection(a),
    drivers: driversSection(a),
    segments: segmentsSection(a),
    campaign: campaignSection(a.plan),
    contacts: contactsSection(a),
    method: methodSection(a),
    interactive: interactiveSection(a),
  };
}
