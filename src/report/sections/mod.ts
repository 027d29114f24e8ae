/**
 * The report's sections, one builder per section: each takes the run's
 * artifacts (the types of `src/artifacts/`) and returns the section's texts
 * as named fields, formatted the Russian way; the templates in `templates/`
 * place them by name. Every number a section prints comes from the
 * artifacts — measured there, or the run's recorded config.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * import { methodSection } from "./mod.ts";
 * methodSection(artifacts).cv; // "Стратифицированная 5-кратная кросс-валидация …"
 * ```
 *
 * @module
 */
export {
  CUSTOMERS,
  cvScheme,
  familyName,
  MONTHS,
  paramText,
  type ReportArtifacts,
  ruWords,
  SCALER_LABELS,
  type ViewOptions,
} from "./common.ts";
export { demoSection, type TitleSection, titleSection } from "./title.ts";
export { type SummaryAction, type SummarySection, summarySection, TOP_ACTIONS, topActions } from "./summary.ts";
export { type CampaignSection, campaignSection, type EconomicsRow } from "./campaign.ts";
export { type DataSection, dataSection, TABLE_LABELS } from "./data.ts";
export { type EdaSection, edaSection } from "./eda.ts";
export { type ConfusionRow, type FamilyRow, type ModelSection, modelSection } from "./model.ts";
export { type Driver, driverDirections, type DriversSection, driversSection, TOP_DRIVERS } from "./drivers.ts";
export {
  segmentDifferences,
  type SegmentItem,
  type SegmentRow,
  type SegmentsSection,
  segmentsSection,
  TOP_DIFFERENCES,
} from "./segments.ts";
export { type ContactRow, type ContactsSection, contactsSection, TOP_OFFERS } from "./contacts.ts";
export { type MethodSection, methodSection } from "./method.ts";
